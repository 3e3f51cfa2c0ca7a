package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import java.util.Optional;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The ratio of two measured scores with its interval: how a report may say "A costs 0.12× what B
 * costs" only together with how sure it is, and of what.
 *
 * <p>Within-run interval: Fieller's 95 % interval for the ratio of two
 * independent means. Each score's JMH half-width is first turned back into a standard error
 * ({@link SampleMean}: SE = h / t_{0.9995, n − 1}, each side with its own n); then, with
 * a = numerator, b = denominator, R = a / b, and one Welch–Satterthwaite degrees of freedom at R,
 * <pre>
 *   ν = (SE_a² + R² SE_b²)² / (SE_a⁴ / df_a + R⁴ SE_b⁴ / df_b),   t = t_{0.975, ν},
 *   g = (t SE_b / b)²,   interval = [R ± t sqrt(SE_a² (1 − g) + R² SE_b²) / b] / (1 − g).
 * </pre>
 * It is unbounded when g ≥ 1 (the denominator's interval reaches zero) or when a side has no
 * standard error (no finite JMH error, or fewer than two samples); {@link #unboundedBecause}
 * says which. It is printed as a within-run interval because it is one: the iterations of one
 * run are not independent of each other, and the next run may land outside it.
 *
 * <p>Between runs: where the history has enough other runs of both points, {@link BetweenRuns}
 * is printed beside it. A ratio whose within-run interval contains 1 is "not distinguishable":
 * neither side is shown to be faster.
 *
 * @param low              lower end of the within-run interval, {@code NaN} when unbounded
 * @param high             upper end of the within-run interval, {@code NaN} when unbounded
 * @param unboundedBecause why there is no interval; empty when bounded
 * @param betweenRuns      the ratio's range over other runs of the history, when there are enough
 */
record Ratio(double value, double low, double high, String unboundedBecause, Optional<BetweenRuns> betweenRuns) {
    static final double LEVEL = 0.95;

    /** numerator / denominator of one run, with the range over the run's history beside it. */
    static Ratio of(RunData run, PointResult numerator, PointResult denominator) {
        return of(numerator, denominator).with(BetweenRuns.of(run.history(), run.id(), numerator.point(),
                denominator.point()));
    }

    /** numerator / denominator with the within-run interval only. */
    static Ratio of(PointResult numerator, PointResult denominator) {
        Optional<SampleMean> a = SampleMean.of(numerator);
        Optional<SampleMean> b = SampleMean.of(denominator);
        if (a.isEmpty() || b.isEmpty()) {
            return unbounded(numerator.score() / denominator.score(), "a score has no JMH error over two or more samples");
        }
        return of(a.get(), b.get());
    }

    static Ratio of(SampleMean a, SampleMean b) {
        double r = a.value() / b.value();
        double va = a.standardError() * a.standardError();
        double vb = b.standardError() * b.standardError();
        if (va + vb == 0) {
            return new Ratio(r, r, r, "", Optional.empty()); // no spread at all: ν would be 0 / 0
        }
        double nu = (va + r * r * vb) * (va + r * r * vb) / (va * va / a.df() + r * r * r * r * vb * vb / b.df());
        double t = TDistribution.of(nu).inverseSurvivalProbability((1 - LEVEL) / 2);
        double g = t * t * vb / (b.value() * b.value());
        if (g >= 1) {
            return unbounded(r, "the denominator's interval reaches zero");
        }
        double spread = t * Math.sqrt(va * (1 - g) + r * r * vb) / b.value();
        return new Ratio(r, (r - spread) / (1 - g), (r + spread) / (1 - g), "", Optional.empty());
    }

    private static Ratio unbounded(double value, String because) {
        return new Ratio(value, Double.NaN, Double.NaN, because, Optional.empty());
    }

    private Ratio with(Optional<BetweenRuns> spread) {
        return new Ratio(value, low, high, unboundedBecause, spread);
    }

    boolean bounded() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** Whether the data show a difference: the whole within-run interval lies on one side of 1. */
    boolean distinguishable() {
        return bounded() && (high < 1 || low > 1);
    }

    /**
     * "0.13× (95 % within-run CI 0.05–0.4×)", "… CI unbounded: the denominator's interval reaches
     * zero)", with "; between-run range 0.11–0.2× over 3 other runs" before the bracket closes
     * when there is one.
     */
    String format() {
        return Format.times(value) + " (" + Format.percent(LEVEL) + " within-run CI "
                + (bounded() ? Format.significant(low) + "–" + Format.times(high) : "unbounded: " + unboundedBecause)
                + betweenRuns.map(b -> "; " + b.format()).orElse("") + ")";
    }
}
