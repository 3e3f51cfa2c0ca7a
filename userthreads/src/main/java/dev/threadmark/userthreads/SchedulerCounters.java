package dev.threadmark.userthreads;

/**
 * What a {@link Scheduler} has done, for reports.
 *
 * @param workers     carrier threads
 * @param spawned     fibers started
 * @param completed   fibers that ran to their end (normally or by an exception)
 * @param steals      fibers taken from another worker's queue
 * @param parks       times a fiber parked (not counting sleeps)
 * @param timerFires  sleeps that ended
 * @param globalTakes fibers taken from the global injection queue
 * @param uncaught    fibers that ended with an exception
 */
public record SchedulerCounters(int workers, long spawned, long completed, long steals, long parks,
        long timerFires, long globalTakes, long uncaught) {

    /** Fibers spawned but not finished: after {@link Scheduler#close}, the abandoned ones. */
    public long abandoned() {
        return spawned - completed;
    }
}
