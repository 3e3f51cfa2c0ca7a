package dev.threadmark.report;

import dev.threadmark.results.PointResult;

/**
 * The ratio of two measured scores with its confidence interval: how a report may say "A costs
 * 0.12× what B costs" only together with how sure it is.
 *
 * <p>Method: Fieller's interval for a ratio of two independent means, with each score's own JMH
 * 99.9 % half-width standing in for t·SE (exact when both have the same number of samples; with
 * different counts each keeps its own t). With a = numerator ± h_a, b = denominator ± h_b,
 * R = a / b and g = (h_b / b)²:
 * <pre>
 *   [R ± sqrt(h_a² (1 − g) + R² h_b²) / b] / (1 − g)
 * </pre>
 * When g ≥ 1 the denominator's interval reaches zero and the ratio is unbounded. A ratio whose
 * interval contains 1 is "not distinguishable": neither side is shown to be faster.
 *
 * @param low  lower end, {@code NaN} when unbounded
 * @param high upper end, {@code NaN} when unbounded
 */
record Ratio(double value, double low, double high) {

    static Ratio of(PointResult numerator, PointResult denominator) {
        return of(numerator.score(), numerator.error(), denominator.score(), denominator.error());
    }

    static Ratio of(double a, double ha, double b, double hb) {
        double r = a / b;
        if (Double.isNaN(ha) || Double.isNaN(hb)) {
            return new Ratio(r, Double.NaN, Double.NaN);
        }
        double g = (hb / b) * (hb / b);
        if (g >= 1) {
            return new Ratio(r, Double.NaN, Double.NaN);
        }
        double spread = Math.sqrt(ha * ha * (1 - g) + r * r * hb * hb) / b;
        return new Ratio(r, (r - spread) / (1 - g), (r + spread) / (1 - g));
    }

    boolean bounded() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** Whether the data show a difference: the whole interval lies on one side of 1. */
    boolean distinguishable() {
        return bounded() && (high < 1 || low > 1);
    }

    /** "0.13× (99.9 % CI 0.05–0.40×)", or "… CI unbounded". */
    String format() {
        return Format.times(value) + " (99.9 % CI " + (bounded() ? Format.significant(low) + "–" + Format.times(high)
                : "unbounded") + ")";
    }
}
