package dev.threadmark.workloads;

import java.time.Duration;

/**
 * Waits like {@link SleepWorkload}, but with a plain blocking {@link Thread#sleep} instead of
 * {@link Pause}: what code does that does not know which runtime it is on. A virtual thread
 * unmounts inside {@code Thread.sleep} (JDK 25), so nothing changes for it; a user thread on our
 * scheduler holds its carrier for the whole sleep, so at most {@code workers} sleeps overlap —
 * the problem Go's sysmon hand-off and scheduler activations exist to solve.
 */
public record BlockingSleepWorkload(Duration duration) implements Workload {
    public BlockingSleepWorkload {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sleep duration must not be negative, got " + duration);
        }
    }

    @Override
    public String name() {
        return "blocking-sleep";
    }

    @Override
    public void run() throws InterruptedException {
        Thread.sleep(duration);
    }
}
