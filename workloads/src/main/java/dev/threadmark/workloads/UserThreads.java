package dev.threadmark.workloads;

import dev.threadmark.userthreads.Scheduler;
import dev.threadmark.userthreads.SchedulerCounters;

/**
 * Our own Go-style M:N scheduler: one fiber per task on {@code workers} carrier threads. The
 * scheduler (its carriers) lives for the trial, like Go's runtime for a process; each run spawns
 * fresh fibers from the calling platform thread, which go through the global injection queue.
 */
public final class UserThreads implements ThreadModel {
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
        TaskGroup.fanOut(name(), tasks, task, scheduler::spawn);
    }

    /** Stops and joins the carriers; every fiber has finished, since {@link #run} waited for it. */
    @Override
    public void close() throws InterruptedException {
        scheduler.close();
    }

    /** The scheduler's counters: exact once {@link #close} has joined the workers. */
    public SchedulerCounters counters() {
        return scheduler.counters();
    }
}
