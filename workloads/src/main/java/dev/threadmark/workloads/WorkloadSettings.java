package dev.threadmark.workloads;

import java.time.Duration;

/**
 * What the workloads are parameterised by; each workload checks its own value when created.
 *
 * @param sleep      how long one {@code sleep} task waits
 * @param spinTokens {@link org.openjdk.jmh.infra.Blackhole#consumeCPU} tokens one {@code spin} task burns
 */
public record WorkloadSettings(Duration sleep, long spinTokens) {
    public static final Duration DEFAULT_SLEEP = Duration.ofMillis(10);
}
