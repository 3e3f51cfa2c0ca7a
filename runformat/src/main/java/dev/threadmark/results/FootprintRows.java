package dev.threadmark.results;

/**
 * The rows the parked-task memory probe writes to {@code runtime.csv}: one workload per figure,
 * bytes per task. Named here, where the format lives, so the report finds them without the probe.
 */
public final class FootprintRows {
    /** Growth of used heap after GC, per parked task. */
    public static final String HEAP_WORKLOAD = "parked-heap";
    /** Growth of resident memory outside the heap, per parked task. */
    public static final String RSS_WORKLOAD = "parked-rss";
    public static final String UNIT = "B/task";

    private FootprintRows() {}
}
