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
 *   <li><b>Each measured point is judged at the optimistic end of its interval.</b> Good when
 *       (ideal + start-up) / CI low ≥ threshold; bad when even that is below. A point whose
 *       interval reaches zero (CI low ≤ 0) is <em>inconclusive</em>: its best case is unbounded,
 *       so it is neither. A failed point (the OS refused a thread, a task threw) is bad.</li>
 *   <li><b>Estimates are not measurements.</b> Over-budget and skipped points were never run:
 *       they are listed as not measured, with the estimate, and never make a collapse.</li>
 *   <li><b>A collapse is final.</b> It is the first bad count that no good count follows; a bad
 *       point with a good one after it is a dip, not a collapse.</li>
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
        return "what one task (N = 1) takes beyond the ideal is the model's start-up cost, reported apart and added "
                + "to the ideal at every N: scaling efficiency = (ideal + start-up) / measured. A count is good when "
                + "its efficiency reaches " + Format.percent(threshold) + " at the optimistic end of JMH's 99.9 % "
                + "confidence interval, bad when even that is below or the point failed, and inconclusive when the "
                + "interval reaches zero. A model collapses at the first bad count that no good count follows; the "
                + "bracket [last good N, first bad N] is where. Points over budget or skipped were not measured: "
                + "they are shown with their estimate and never count as a collapse.";
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
                if (Double.isNaN(p.ciLow()) || p.ciLow() <= 0) {
                    yield Judgement.INCONCLUSIVE;
                }
                yield efficiency(p.ciLow(), idealMs, startupMs) >= threshold ? Judgement.GOOD : Judgement.BAD;
            }
        };
    }

    /** Whether a single point is below the threshold even optimistically, or failed (a blend, which has no N = 1). */
    public boolean below(PointResult p, double idealMs) {
        return judge(p, idealMs, Double.NaN) == Judgement.BAD;
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
