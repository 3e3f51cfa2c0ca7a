package dev.threadmark.harness;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

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

    static GcFigures of(RunResult run, int tasks) {
        double bytesPerOp = secondary(run, "gc.alloc.rate.norm");
        // The profiler reports gc.time only for iterations that collected: absent means none did.
        double gcMs = Double.isNaN(bytesPerOp) ? Double.NaN : orZero(secondary(run, "gc.time"));
        long ops = 0;
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                ops += iteration.getMetadata().getMeasuredOps();
            }
        }
        return new GcFigures(bytesPerOp / tasks, ops > 0 ? gcMs / ops : Double.NaN);
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static double secondary(RunResult run, String label) {
        Result<?> r = run.getSecondaryResults().get(label);
        return r == null ? Double.NaN : r.getScore();
    }
}
