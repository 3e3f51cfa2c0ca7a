package dev.threadmark.report;

import dev.threadmark.harness.PointResult;
import dev.threadmark.harness.PointStatus;
import java.util.Comparator;
import java.util.List;

/**
 * Finds {@link CollapsePoint}s.
 *
 * <p>Definition (printed in the report): efficiency = ideal time / measured time. A model has
 * collapsed at the first task count N where even the optimistic end of JMH's confidence interval
 * gives an efficiency below the threshold, i.e. {@code ideal / ci_low < threshold}, or where the
 * point failed or was not worth running (over budget, skipped). Using the interval's low end
 * means noise alone cannot create a collapse: a wide interval that reaches a good efficiency
 * counts as good.
 */
public final class CollapseDetector {
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final double threshold;

    public CollapseDetector(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("collapse threshold must be between 0 and 1, got " + threshold);
        }
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    public static String definition(double threshold) {
        return "efficiency = ideal time / measured time. A model collapses at the first task count whose efficiency "
                + "stays below " + Format.percent(threshold) + " even at the optimistic end of JMH's 99.9 % confidence "
                + "interval (ideal / CI low), or that failed, was over budget or was skipped. The bracket "
                + "[last good N, first bad N] is where the collapse happens.";
    }

    /** Ideal / the low end of the point's confidence interval: the best efficiency the data allow. */
    static double optimisticEfficiency(PointResult p, double idealMs) {
        double best = Double.isNaN(p.ciLow()) || p.ciLow() <= 0 ? p.score() : p.ciLow();
        return idealMs / best;
    }

    /** Whether a point keeps its gains: measured, and not below the threshold even optimistically. */
    public boolean holds(PointResult p, double idealMs) {
        return p.status() == PointStatus.OK && optimisticEfficiency(p, idealMs) >= threshold;
    }

    /** {@code series}: one model's points on one workload. */
    public CollapsePoint detect(String model, String workload, List<PointResult> series, RunData run) {
        long lastGood = 0;
        for (PointResult p : series.stream().sorted(Comparator.comparingInt(r -> r.point().tasks())).toList()) {
            long n = p.point().tasks();
            if (p.status() != PointStatus.OK) {
                return new CollapsePoint(model, workload, lastGood, n, p.status().name().toLowerCase().replace('_', ' ')
                        + ": " + p.reason());
            }
            double efficiency = optimisticEfficiency(p, Ideal.ms(workload, n, run));
            if (efficiency < threshold) {
                return new CollapsePoint(model, workload, lastGood, n, "efficiency " + Format.percent(
                        Ideal.ms(workload, n, run) / p.score()) + " (at best " + Format.percent(efficiency) + ")");
            }
            lastGood = n;
        }
        return new CollapsePoint(model, workload, lastGood, 0, "");
    }
}
