package dev.threadmark.report;

import java.util.Arrays;

/**
 * The Mann–Whitney U test: do two samples come from the same distribution? Rank-based, so it
 * assumes no normality, which JMH iteration times (skewed by GC and JIT) do not have.
 *
 * <p>Two-sided p-value from the normal approximation with tie correction and continuity
 * correction, as in R's {@code wilcox.test(exact = FALSE, correct = TRUE)}. With JMH's typical
 * 5–10 iterations per side the approximation is adequate for α = 0.05, and it handles ties,
 * which exact tables do not.
 */
public final class MannWhitney {
    private MannWhitney() {}

    public static double pValue(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        int n = n1 + n2;
        double[][] all = new double[n][];
        for (int i = 0; i < n1; i++) {
            all[i] = new double[] {x[i], 0};
        }
        for (int j = 0; j < n2; j++) {
            all[n1 + j] = new double[] {y[j], 1};
        }
        Arrays.sort(all, (a, b) -> Double.compare(a[0], b[0]));
        double rankSumX = 0;
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[j + 1][0] == all[i][0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // average rank of the tied run i..j
            int t = j - i + 1;
            tieTerm += (double) t * t * t - t;
            for (int k = i; k <= j; k++) {
                if (all[k][1] == 0) {
                    rankSumX += rank;
                }
            }
            i = j + 1;
        }
        double u = rankSumX - n1 * (n1 + 1) / 2.0;
        double mean = n1 * n2 / 2.0;
        double variance = n1 * n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (variance <= 0) {
            return 1.0; // every value tied: no evidence of a difference
        }
        double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        return Math.min(1.0, 2 * (1 - normalCdf(Math.max(0, z))));
    }

    /** Standard normal CDF (Abramowitz–Stegun 26.2.17, error below 7.5e-8). */
    static double normalCdf(double z) {
        double t = 1 / (1 + 0.2316419 * Math.abs(z));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
        return z >= 0 ? 1 - tail : tail;
    }
}
