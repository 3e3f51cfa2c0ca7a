package dev.threadmark.workloads;

import java.time.Duration;

/**
 * Waits a fixed time: the seeds' simulated database call. Ideal concurrency finishes N of them in
 * one sleep, whatever N; what a model adds on top is its overhead.
 */
public record SleepWorkload(Duration duration) implements Workload {
    public SleepWorkload {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sleep duration must not be negative, got " + duration);
        }
    }

    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public void run() throws InterruptedException {
        Pause.sleep(duration);
    }
}
