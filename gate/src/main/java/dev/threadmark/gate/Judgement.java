package dev.threadmark.gate;

import dev.threadmark.results.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate's one decision step, the same for A/B, the history gate and {@code compare}: given
 * per point what its samples say ({@link Evidence}) it adjusts for the number of points and
 * gives each a {@link Verdict}.
 *
 * <p>For the points with evidence (m of them):
 * <ol>
 * <li><b>Untestable</b> when the samples could not flag this point moving alone by less than
 *     {@link #blindBeyond} (default {@value #DEFAULT_BLIND_BEYOND}): Benjamini–Hochberg needs
 *     p ≤ α/m for a lone mover, so the smallest change it can flag is t<sub>1−α/m, df</sub> · SE.
 *     Calling such a point "same" would claim a watch the gate does not keep.</li>
 * <li><b>Regressed</b> when its one-sided p toward worse, adjusted by Benjamini–Hochberg over the m
 *     points, is below α and the effect is at least the minimum effect, both on the log scale in
 *     the point's own direction (a 10 % minimum means ×1.1 slower or ÷1.1 the throughput);
 *     <b>slower</b> when significant but smaller. <b>Improved</b> / <b>faster</b> the same way
 *     toward better, with its own adjustment.</li>
 * <li>Otherwise <b>same</b>.</li>
 * </ol>
 * Then allocation ({@link Allocation}): a point that is not already a regression but allocates
 * more is {@link Verdict#ALLOCATES_MORE}. Points without evidence keep the verdict their case
 * brought (new, gone, newly failing, not measured, untestable for want of samples).
 */
final class Judgement {
    static final double DEFAULT_ALPHA = 0.05;
    static final double DEFAULT_MIN_EFFECT = 0.10;
    /** A point that cannot flag +50 % alone is not watched: a slowdown by half is what a gate must see. */
    static final double DEFAULT_BLIND_BEYOND = 0.50;

    /**
     * One point to judge.
     *
     * @param oldValue   the baseline's value in {@code unit} (mean of its nights or trials), NaN if none
     * @param newValue   the candidate's value
     * @param evidence   null when the point cannot be tested; then {@code preset} says why
     * @param preset     the verdict of a point without evidence
     * @param allocation its bytes per operation before and after
     * @param note       what the row adds for people (an indication, the variance components); may be empty
     */
    record Case(String name, String unit, double oldValue, double newValue, Evidence evidence, Verdict preset,
            Allocation allocation, String note) {}

    /**
     * One judged point.
     *
     * @param change     new/old − 1 in the point's own units
     * @param p          one-sided p toward the direction judged (worse, or better for faster/improved); NaN if untested
     * @param q          p adjusted over the tested points
     * @param detectable the smallest change toward worse it could flag moving alone (relative), NaN if untested
     * @param since      for a regression that persists: the run since which it is flagged; else empty
     */
    record Row(Case c, double change, double p, double q, double detectable, Verdict verdict, String since) {
        String name() {
            return c.name();
        }

        Row since(String runId) {
            return new Row(c, change, p, q, detectable, verdict, runId);
        }
    }

    private final double alpha;
    private final double minEffect;
    private final double blindBeyond;

    Judgement(double alpha, double minEffect, double blindBeyond) {
        if (!(alpha > 0 && alpha < 1) || !(minEffect >= 0) || !(blindBeyond > minEffect)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), the minimum effect ≥ 0 and below blind-beyond");
        }
        this.alpha = alpha;
        this.minEffect = minEffect;
        this.blindBeyond = blindBeyond;
    }

    double alpha() {
        return alpha;
    }

    double minEffect() {
        return minEffect;
    }

    double blindBeyond() {
        return blindBeyond;
    }

    List<Row> judge(List<Case> cases) {
        double[] worse = cases.stream().mapToDouble(c -> c.evidence() == null ? Double.NaN : c.evidence().pWorse())
                .toArray();
        double[] better = cases.stream().mapToDouble(c -> c.evidence() == null ? Double.NaN : c.evidence().pBetter())
                .toArray();
        double[] qWorse = BenjaminiHochberg.adjust(worse);
        double[] qBetter = BenjaminiHochberg.adjust(better);
        int tested = (int) cases.stream().filter(c -> c.evidence() != null).count();
        double threshold = Math.log1p(minEffect);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            double change = c.newValue() / c.oldValue() - 1;
            Evidence e = c.evidence();
            if (e == null) {
                rows.add(new Row(c, change, Double.NaN, Double.NaN, Double.NaN, withAllocation(c.preset(), c), ""));
                continue;
            }
            double detectable = Math.expm1(e.detectable(alpha, tested));
            Verdict v;
            double p = worse[i];
            double q = qWorse[i];
            if (detectable > blindBeyond) {
                v = Verdict.UNTESTABLE;
            } else if (qWorse[i] < alpha) {
                v = e.effect() >= threshold ? Verdict.REGRESSED : Verdict.SLOWER;
            } else if (qBetter[i] < alpha) {
                v = -e.effect() >= threshold ? Verdict.IMPROVED : Verdict.FASTER;
                p = better[i];
                q = qBetter[i];
            } else {
                v = Verdict.SAME;
            }
            rows.add(new Row(c, change, p, q, detectable, withAllocation(v, c), ""));
        }
        return rows;
    }

    private static Verdict withAllocation(Verdict v, Case c) {
        return c.allocation().rose() && !v.regression() && v != Verdict.GONE ? Verdict.ALLOCATES_MORE : v;
    }

    static boolean anyRegression(List<Row> rows) {
        return rows.stream().anyMatch(r -> r.verdict().regression());
    }

    /**
     * The geometric mean of the tested points' changes toward worse, as a relative change: +4 % =
     * on average 4 % slower (or 4 % less throughput). Each point counts in its own direction, so
     * a throughput point that rose does not cancel a time point that rose.
     */
    static double geomeanWorse(List<Row> rows) {
        double[] effects = rows.stream().filter(r -> r.c().evidence() != null)
                .mapToDouble(r -> r.c().evidence().effect()).toArray();
        return effects.length == 0 ? Double.NaN : Math.expm1(Evidence.mean(effects));
    }
}
