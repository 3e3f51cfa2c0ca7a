package dev.threadmark.gate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini–Hochberg adjusted p-values ("q-values"): compare each with α instead of its raw
 * p-value, and among the points flagged the expected share of false alarms is at most α, however
 * many points a run compares. (Commons Statistics has no multiple-comparison procedure, so it
 * is here, as R's {@code p.adjust(p, "BH")}.)
 *
 * <p>Step-up: sort the m p-values ascending; the i-th smallest becomes {@code p(i) · m / i},
 * then each is lowered to the smallest value at or above its rank, so the adjusted values keep
 * the raw order; none exceeds 1. NaN (a point not tested) stays NaN and does not count in m.
 */
final class BenjaminiHochberg {
    private BenjaminiHochberg() {}

    static double[] adjust(double[] p) {
        double[] q = new double[p.length];
        Arrays.fill(q, Double.NaN);
        Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        int m = order.length;
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            q[i] = running;
        }
        return q;
    }
}
