package dev.threadmark.workloads;

import java.time.Duration;
import java.util.Optional;

/**
 * What the workloads are parameterised by; each workload checks its own value when created.
 *
 * @param sleep      how long one {@code sleep} task waits; also the length of a {@code mixed-*} task
 * @param spinTokens {@link org.openjdk.jmh.infra.Blackhole#consumeCPU} tokens one {@code spin} task burns
 * @param spinTarget the CPU time {@code spinTokens} were calibrated to; scales the CPU part of {@code mixed-*}
 * @param server     where the {@code socket} workload's reply server listens; empty when none runs
 */
public record WorkloadSettings(Duration sleep, long spinTokens, Duration spinTarget, Optional<ServerAddresses> server) {
    public static final Duration DEFAULT_SLEEP = Duration.ofMillis(10);
    public static final Duration DEFAULT_SPIN = Duration.ofNanos(10_000);

    /** Settings without a reply server: every workload but {@code socket}. */
    public WorkloadSettings(Duration sleep, long spinTokens, Duration spinTarget) {
        this(sleep, spinTokens, spinTarget, Optional.empty());
    }

    public WorkloadSettings {
        if (spinTarget.isNegative() || spinTarget.isZero()) {
            throw new IllegalArgumentException("spin target must be positive, got " + spinTarget);
        }
    }
}
