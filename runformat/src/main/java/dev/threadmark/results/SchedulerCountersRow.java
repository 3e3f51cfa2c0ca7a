package dev.threadmark.results;

/**
 * One row of a counters file: the user scheduler's counters when a fork tore it down. A copy of
 * {@code dev.threadmark.userthreads.SchedulerCounters}' fields rather than that record, so that
 * reading a run needs no scheduler on the class path; the file's columns are the contract.
 */
public record SchedulerCountersRow(int workers, long spawned, long completed, long steals, long parks,
        long timerFires, long globalTakes, long uncaught) {

    /** Fibers spawned that never completed. */
    public long abandoned() {
        return spawned - completed;
    }
}
