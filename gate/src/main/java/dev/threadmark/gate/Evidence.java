package dev.threadmark.gate;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * What the samples say about one point's change, before the multiple-comparison step: an effect
 * on the log scale oriented so that positive is worse (slower, or less throughput), its standard
 * error and the degrees of freedom of Student's t that goes with it. Every rule of the gate comes
 * down to this one shape, so one step ({@link Judgement}) decides them all.
 *
 * <p>The three rules, one per way of having samples:
 * <ul>
 * <li>{@link #nights}: the history gate. One sample per night (the run's value); the candidate is
 *     one more night. Its one-sided prediction interval over the K baseline nights: effect =
 *     candidate − mean, SE = s·√(1 + 1/K), t with K − 1 df. The night is the unit because the
 *     forks of one night share its machine and its load: pooled as independent samples, they made
 *     every slow night look like a regression.</li>
 * <li>{@link #pairs}: A/B. One log-ratio candidate/baseline per interleaved trial; effect = their
 *     mean, SE = s/√T, T − 1 df. Drift of the machine between trials cancels in each pair.</li>
 * <li>{@link #forks}: two JMH files measured back to back (compare with one baseline). Welch's t
 *     on the log fork means, Welch–Satterthwaite df: valid only when the two runs saw the same
 *     machine, since it knows nothing of the variance between runs.</li>
 * </ul>
 *
 * @param effect log change toward worse: log(new/old) for time per operation, log(old/new) for throughput
 * @param se     its standard error; 0 when every sample was equal
 * @param df     degrees of freedom of the t distribution
 * @param basis  the samples, for people: "10 nights", "5 trials", "3 v 3 forks"
 */
record Evidence(double effect, double se, double df, String basis) {

    /** The one-sided p-value of "no change" against "worse". */
    double pWorse() {
        return se == 0 ? (effect > 0 ? 0 : 1) : 1 - t().cumulativeProbability(effect / se);
    }

    /** The one-sided p-value of "no change" against "better". */
    double pBetter() {
        return se == 0 ? (effect < 0 ? 0 : 1) : t().cumulativeProbability(effect / se);
    }

    /**
     * The smallest change toward worse (as a log ratio) that these samples flag when the point
     * moves alone among {@code tested} points: Benjamini–Hochberg then needs p ≤ α / m.
     */
    double detectable(double alpha, int tested) {
        return se == 0 ? 0 : t().inverseCumulativeProbability(1 - alpha / Math.max(1, tested)) * se;
    }

    private TDistribution t() {
        return TDistribution.of(df);
    }

    /**
     * The candidate night against K ≥ 2 baseline nights, all as {@link Measurement#worseLog} values.
     */
    static Evidence nights(double[] baseline, double candidate) {
        int k = baseline.length;
        if (k < 2) {
            throw new IllegalArgumentException("a prediction interval needs at least 2 baseline nights, got " + k);
        }
        double mean = mean(baseline);
        return new Evidence(candidate - mean, sd(baseline, mean) * Math.sqrt(1 + 1.0 / k), k - 1, k + " runs");
    }

    /** T ≥ 2 paired trials' log ratios, oriented toward worse. */
    static Evidence pairs(double[] logRatios) {
        int t = logRatios.length;
        if (t < 2) {
            throw new IllegalArgumentException("paired trials need at least 2, got " + t);
        }
        double mean = mean(logRatios);
        return new Evidence(mean, sd(logRatios, mean) / Math.sqrt(t), t - 1, t + " trials");
    }

    /** Welch's t on two sides' log fork means (oriented toward worse), at least 2 a side. */
    static Evidence forks(double[] baseline, double[] candidate) {
        int n = baseline.length;
        int m = candidate.length;
        if (n < 2 || m < 2) {
            throw new IllegalArgumentException("Welch's t needs 2 forks a side, got " + n + " and " + m);
        }
        return welch(baseline, candidate, n + " v " + m + " forks");
    }

    /** Welch's t between two independent samples; {@code basis} says what they are. */
    static Evidence welch(double[] baseline, double[] candidate, String basis) {
        int n = baseline.length;
        int m = candidate.length;
        double mb = mean(baseline);
        double mc = mean(candidate);
        double vb = Math.pow(sd(baseline, mb), 2) / n;
        double vc = Math.pow(sd(candidate, mc), 2) / m;
        double se = Math.sqrt(vb + vc);
        double df = se == 0 ? n + m - 2 : (vb + vc) * (vb + vc) / (vb * vb / (n - 1) + vc * vc / (m - 1));
        return new Evidence(mc - mb, se, df, basis);
    }

    static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    static double sd(double[] x, double mean) {
        return Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1));
    }
}
