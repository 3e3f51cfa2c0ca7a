package dev.threadmark.results;

/**
 * What a point allocated and how long its collections took, from JMH's GC profiler: the cost a
 * model pays in memory churn, which at a million tasks is most of its time.
 *
 * @param allocBytesPerTask bytes allocated per task: {@code gc.alloc.rate.norm} (bytes per
 *                          operation, everything the operation allocated on any thread) over N
 * @param gcMsPerOp         collection time per operation: {@code gc.time} (the sum over the
 *                          measured iterations of every fork) over the operations measured
 */
public record GcFigures(double allocBytesPerTask, double gcMsPerOp) {
    /** A point not measured, or measured without the profiler. */
    public static final GcFigures NONE = new GcFigures(Double.NaN, Double.NaN);
}
