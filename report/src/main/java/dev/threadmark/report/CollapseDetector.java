package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds {@link CollapsePoint}s: the rule that says where a model's gains stop, built so that only
 * data can move it.
 *
 * <p>The rule (printed in the report by {@link #definition}):
 * <ol>
 *   <li><b>Start-up cost apart from scaling.</b> What one task (N = 1) takes beyond the ideal is
 *       the model's start-up cost — starting a thread, waking it, joining it. It is reported on its
 *       own and added to the ideal at every N: scaling efficiency = (ideal(N) + start-up) /
 *       measured(N). A 10 µs spin behind a 90 µs thread start is a fixed cost, not a loss of
 *       concurrency.</li>
 *   <li><b>Each measured point is judged at both ends of its interval</b> (JMH's 99.9 % interval,
 *       a within-run one). Good when even the pessimistic end meets the threshold: (ideal +
 *       start-up) / CI high ≥ threshold. Bad when even the optimistic end misses it: CI low &gt; 0
 *       and (ideal + start-up) / CI low &lt; threshold. Otherwise <em>inconclusive</em>: the
 *       interval straddles the threshold, or reaches zero (its best case is unbounded), or is
 *       missing. A failed point (the OS refused a thread, a task threw) is bad.</li>
 *   <li><b>Estimates are not measurements.</b> Over-budget and skipped points were never run:
 *       they are listed as not measured, with the estimate, and never make a collapse.</li>
 *   <li><b>A collapse is final.</b> It is the first bad count that no good count follows; a bad
 *       point with a good one after it is a dip, not a collapse. An inconclusive count after a
 *       bad one does not cancel it: only a count shown to hold does.</li>
 * </ol>
 */
public final class CollapseDetector {
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** How one point counts under the rule. */
    enum Judgement { GOOD, BAD, INCONCLUSIVE, NOT_MEASURED }

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
        String t = Format.percent(threshold);
        return "what one task (N = 1) takes beyond the ideal is the model's start-up cost, reported apart and added "
                + "to the ideal at every N: scaling efficiency = (ideal + start-up) / measured. Each count is judged "
                + "at both ends of JMH's 99.9 % within-run confidence interval: good when its efficiency reaches " + t
                + " even at the pessimistic end, bad when it stays below " + t + " even at the optimistic end or the "
                + "point failed, inconclusive when the interval straddles " + t + " (or reaches zero). A model "
                + "collapses at the first bad count that no good count follows (an inconclusive count does not "
                + "cancel a collapse); the bracket [last good N, first bad N] is where. Points over budget or skipped "
                + "were not measured: they are shown with their estimate and never count as a collapse.";
    }

    /** What N = 1 took beyond the ideal, never below zero; NaN when the series has no measured N = 1. */
    static double startupMs(List<PointResult> series, String workload, RunData run) {
        return ReportModel.pointAt(series, 1).filter(PointResult::measured)
                .map(p -> Math.max(0, p.score() - Ideal.ms(workload, 1, run))).orElse(Double.NaN);
    }

    /** (ideal + start-up) / measured: the efficiency the rule and the efficiency chart use. */
    static double efficiency(double scoreMs, double idealMs, double startupMs) {
        return (idealMs + (Double.isNaN(startupMs) ? 0 : startupMs)) / scoreMs;
    }

    Judgement judge(PointResult p, double idealMs, double startupMs) {
        return switch (p.status()) {
            case FAILED -> Judgement.BAD;
            case OVER_BUDGET, SKIPPED -> Judgement.NOT_MEASURED;
            case OK -> {
                if (Double.isNaN(p.ciLow()) || Double.isNaN(p.ciHigh())) {
                    yield Judgement.INCONCLUSIVE; // no interval, no verdict
                }
                if (efficiency(p.ciHigh(), idealMs, startupMs) >= threshold) {
                    yield Judgement.GOOD; // the pessimistic end: the longest time the interval allows
                }
                if (p.ciLow() > 0 && efficiency(p.ciLow(), idealMs, startupMs) < threshold) {
                    yield Judgement.BAD; // the optimistic end: the shortest time; at or below zero it is unbounded
                }
                yield Judgement.INCONCLUSIVE;
            }
        };
    }

    /** How a point without an N = 1 of its own (a blend) counts under the rule. */
    Judgement judge(PointResult p, double idealMs) {
        return judge(p, idealMs, Double.NaN);
    }

    /** {@code series}: one model's points on one workload. */
    public CollapsePoint detect(String model, String workload, List<PointResult> series, RunData run) {
        List<PointResult> sorted = series.stream().sorted(Comparator.comparingInt(r -> r.point().tasks())).toList();
        double startup = startupMs(sorted, workload, run);
        long lastGood = 0;
        long goodBeforeBad = 0;
        long firstBad = 0;
        String reason = "";
        long notMeasuredFrom = 0;
        String notMeasured = "";
        List<Long> inconclusive = new ArrayList<>();
        for (PointResult p : sorted) {
            long n = p.point().tasks();
            double ideal = Ideal.ms(workload, n, run);
            Judgement j = n == 1 && p.measured() ? Judgement.GOOD : judge(p, ideal, startup); // N = 1 defines the start-up cost
            switch (j) {
                case GOOD -> {
                    lastGood = n;
                    firstBad = 0; // what came before was a dip
                    reason = "";
                }
                case BAD -> {
                    if (firstBad == 0) {
                        firstBad = n;
                        goodBeforeBad = lastGood;
                        reason = p.measured() ? "efficiency " + Format.percent(efficiency(p.score(), ideal, startup))
                                + " (at best " + Format.percent(efficiency(p.ciLow(), ideal, startup)) + ")"
                                : "failed: " + p.reason();
                    }
                }
                case INCONCLUSIVE -> inconclusive.add(n);
                case NOT_MEASURED -> {
                    if (notMeasuredFrom == 0) {
                        notMeasuredFrom = n;
                        notMeasured = p.status().name().toLowerCase().replace('_', ' ') + ": " + p.reason();
                    }
                }
            }
        }
        return new CollapsePoint(model, workload, firstBad > 0 ? goodBeforeBad : lastGood, firstBad, reason,
                notMeasuredFrom, notMeasured, inconclusive, startup);
    }
}
