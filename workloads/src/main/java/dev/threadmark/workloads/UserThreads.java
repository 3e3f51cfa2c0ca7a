package dev.threadmark.workloads;

import dev.threadmark.userthreads.Scheduler;
import dev.threadmark.userthreads.SchedulerCounters;
import java.util.Optional;

/**
 * Our own Go-style M:N scheduler: one fiber per task on {@code workers} carrier threads. The
 * scheduler (its carriers) lives for the trial, like Go's runtime for a process; each run spawns
 * fresh fibers from the calling platform thread, which go through the global injection queue.
 */
public final class UserThreads extends ThreadModel {
    private final Scheduler scheduler;

    private final String name;

    /** @param scheduler ours, with the blocking hand-off ({@code user}) or without it ({@code user-no-handoff}) */
    UserThreads(String name, Scheduler scheduler) {
        this.name = name;
        this.scheduler = scheduler;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    void submit(Runnable body) {
        scheduler.spawn(body);
    }

    /**
     * Nothing to do: fibers have no interruption, and spawning one never asks the OS for a
     * thread, so a run on this model is never refused part-way.
     */
    @Override
    void interruptRunning() {}

    /** Stops and joins the carriers; every fiber has finished, since {@link #run} waited for it. */
    @Override
    public void close() throws InterruptedException {
        scheduler.close();
    }

    /** The scheduler's counters: exact once {@link #close} has joined the workers. */
    public SchedulerCounters counters() {
        return scheduler.counters();
    }

    /** A worker that died has failed the scheduler: its fibers will never finish. */
    @Override
    Optional<Throwable> broken() {
        return scheduler.failure();
    }
}
