package dev.threadmark.workloads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The bookkeeping of one {@link ThreadModel#run} call: which tasks are still running and what
 * they threw. Wrapping is the only way a task reaches a thread, so no exception can bypass it.
 */
final class TaskGroup {
    /** Enough suppressed failures to see a pattern, few enough not to hold a million traces. */
    private static final int MAX_SUPPRESSED = 8;

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

    /**
     * Hands {@code tasks} copies of {@code task} to {@code submit} (a pool, a scheduler), waits
     * for all of them and rethrows the first failure: the whole of a queue-fed model's run.
     */
    static void fanOut(String model, int tasks, Task task, Consumer<Runnable> submit) throws InterruptedException {
        TaskGroup group = new TaskGroup(tasks);
        Runnable body = group.wrap(task);
        for (int i = 0; i < tasks; i++) {
            submit.accept(body);
        }
        group.await();
        group.rethrowFailures(model);
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

    /** Waits until every wrapped task has finished. */
    void await() throws InterruptedException {
        remaining.await();
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
