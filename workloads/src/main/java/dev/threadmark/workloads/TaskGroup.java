package dev.threadmark.workloads;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bookkeeping of one {@link ThreadModel#run} call: which tasks are still running and what
 * they threw. Wrapping is the only way a task reaches a thread, so no exception can bypass it.
 */
final class TaskGroup {
    /** Enough suppressed failures to see a pattern, few enough not to hold a million traces. */
    private static final int MAX_SUPPRESSED = 8;
    /** How often a waiting run looks whether its model broke: rare enough to cost nothing. */
    private static final Duration BROKEN_CHECK = Duration.ofMillis(100);

    private final int tasks;
    private final CountDownLatch remaining;
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final AtomicInteger failures = new AtomicInteger();

    TaskGroup(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("task count must be at least 1, got " + tasks);
        }
        this.tasks = tasks;
        this.remaining = new CountDownLatch(tasks);
    }

    Runnable wrap(Task task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                record(t);
            } finally {
                remaining.countDown();
            }
        };
    }

    private void record(Throwable t) {
        int n = failures.incrementAndGet();
        if (!firstFailure.compareAndSet(null, t) && n <= MAX_SUPPRESSED + 1) {
            Throwable first = firstFailure.get();
            synchronized (first) { // addSuppressed is not thread-safe
                first.addSuppressed(t);
            }
        }
    }

    /** Counts down for tasks that a refused run never started, so {@link #await} waits only for the others. */
    void neverStarted(int count) {
        for (int i = 0; i < count; i++) {
            remaining.countDown();
        }
    }

    /**
     * Waits until every wrapped task has finished, looking every {@link #BROKEN_CHECK} whether the
     * model itself broke (a dead scheduler never finishes its fibers): then the run fails with
     * what broke it instead of waiting forever.
     */
    void await(ThreadModel model) throws InterruptedException {
        while (!remaining.await(BROKEN_CHECK.toNanos(), TimeUnit.NANOSECONDS)) {
            Optional<Throwable> broken = model.broken();
            if (broken.isPresent()) {
                throw new TaskFailedException(model.name() + ": the model broke with " + remaining.getCount()
                        + " of " + tasks + " tasks unfinished: " + broken.get(), broken.get());
            }
        }
    }

    /** Throws {@link TaskFailedException} if any task failed. */
    void rethrowFailures(String model) {
        Throwable first = firstFailure.get();
        if (first != null) {
            throw new TaskFailedException(model + ": " + failures.get() + " of " + tasks
                    + " tasks failed; first: " + first, first);
        }
    }
}
