package dev.threadmark.userthreads;

/**
 * What a {@link Scheduler} has done, for reports.
 *
 * @param workers     core carrier threads
 * @param spawned     fibers started
 * @param completed   fibers that ran to their end (normally or by an exception)
 * @param steals      fibers taken from another worker's queue
 * @param parks       times a fiber parked (not counting sleeps)
 * @param timerFires  sleeps that ended
 * @param globalTakes fibers taken from the global injection queue
 * @param uncaught    fibers that ended with an exception
 * @param spares      the blocking hand-off: spare carriers and hand-offs
 */
public record SchedulerCounters(int workers, long spawned, long completed, long steals, long parks,
        long timerFires, long globalTakes, long uncaught, Spares spares) {

    /** Counters of a scheduler without a hand-off (or from a file written before it existed): all spare counts zero. */
    public SchedulerCounters(int workers, long spawned, long completed, long steals, long parks, long timerFires,
            long globalTakes, long uncaught) {
        this(workers, spawned, completed, steals, parks, timerFires, globalTakes, uncaught, Spares.NONE);
    }

    /** Fibers spawned but not finished: after {@link Scheduler#close}, the abandoned ones. */
    public long abandoned() {
        return spawned - completed;
    }

    /**
     * The hand-off of blocked carriers ({@code Sysmon}).
     *
     * @param cap           the most spare carriers allowed at once
     * @param started       spare carrier threads started
     * @param retired       spares that retired after staying idle for the keep-alive
     * @param peak          the most spares alive at once
     * @param handoffs      carriers judged blocked by the monitor, plus {@link Fiber#blocking} calls that handed off
     * @param blockingCalls {@link Fiber#blocking} calls
     */
    public record Spares(int cap, long started, long retired, int peak, long handoffs, long blockingCalls) {
        public static final Spares NONE = new Spares(0, 0, 0, 0, 0, 0);
    }
}
