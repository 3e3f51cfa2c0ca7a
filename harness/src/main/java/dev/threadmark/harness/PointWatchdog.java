package dev.threadmark.harness;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The point's own time limit. JMH interrupts an iteration that outlasts its timeout, but a fork
 * whose benchmark ignores the interrupt (a deadlocked scheduler) would hang the sweep: at the
 * deadline the watchdog kills our child processes — the JMH forks of this point — and the point
 * is {@code FAILED} as timed out. (A fork killed by someone else stops the sweep instead: see
 * {@link Environment}.)
 */
final class PointWatchdog implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("point-watchdog").factory());

    private final Duration limit;
    private final ScheduledFuture<?> task;
    private volatile boolean fired;

    PointWatchdog(Duration limit) {
        this.limit = limit;
        this.task = TIMER.schedule(this::fire, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        fired = true;
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    boolean fired() {
        return fired;
    }

    String reason() {
        return "timed out: the point was still running after " + Durations.format(limit) + "; its forks were killed";
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
