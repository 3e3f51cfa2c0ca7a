package dev.threadmark.harness;

import dev.threadmark.results.GcFigures;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * A point's {@link GcFigures} from JMH's GC profiler. Here, not beside the record, because the
 * results format must be readable without JMH on the class path.
 */
final class JmhGcFigures {
    private JmhGcFigures() {}

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
