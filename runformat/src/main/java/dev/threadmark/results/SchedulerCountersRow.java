package dev.threadmark.results;

/**
 * One row of a counters file: the user scheduler's counters when a fork tore it down. A copy of
 * {@code dev.threadmark.userthreads.SchedulerCounters}' fields rather than that record, so that
 * reading a run needs no scheduler on the class path; the file's columns are the contract.
 */
public record SchedulerCountersRow(int workers, long spawned, long completed, long steals, long parks,
        long timerFires, long globalTakes, long uncaught, Spares spares) {

    /**
     * The blocking hand-off's counters (the scheduler's {@code SchedulerCounters.Spares}): the cap
     * on spare carriers, how many were started, retired and alive at most at once, the hand-offs
     * and the explicit {@code Fiber.blocking} calls.
     */
    public record Spares(int cap, long started, long retired, int peak, long handoffs, long blockingCalls) {
        /** Files of the first format, written before the hand-off existed. */
        public static final Spares NONE = new Spares(0, 0, 0, 0, 0, 0);
    }

    /** A row without hand-off counters. */
    public SchedulerCountersRow(int workers, long spawned, long completed, long steals, long parks, long timerFires,
            long globalTakes, long uncaught) {
        this(workers, spawned, completed, steals, parks, timerFires, globalTakes, uncaught, Spares.NONE);
    }

    /** Fibers spawned that never completed. */
    public long abandoned() {
        return spawned - completed;
    }
}
