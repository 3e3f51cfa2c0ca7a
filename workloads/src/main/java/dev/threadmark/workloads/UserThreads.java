package dev.threadmark.workloads;

import dev.threadmark.userthreads.Scheduler;

/**
 * Our own Go-style M:N scheduler: one fiber per task on {@code workers} carrier threads. The
 * scheduler (its carriers) lives for the trial, like Go's runtime for a process; each run spawns
 * fresh fibers from the calling platform thread, which go through the global injection queue.
 */
final class UserThreads implements ThreadModel {
    private final Scheduler scheduler;

    UserThreads(int workers) {
        scheduler = new Scheduler(workers);
    }

    @Override
    public String name() {
        return "user";
    }

    @Override
    public void run(int tasks, Task task) throws InterruptedException {
        TaskGroup group = new TaskGroup(tasks);
        Runnable body = group.wrap(task);
        for (int i = 0; i < tasks; i++) {
            scheduler.spawn(body);
        }
        group.await();
        group.rethrowFailures(name());
    }

    /** Stops and joins the carriers; every fiber has finished, since {@link #run} waited for it. */
    @Override
    public void close() throws InterruptedException {
        scheduler.close();
    }

    /** The scheduler's counters, for the run's metadata. */
    Scheduler scheduler() {
        return scheduler;
    }
}
