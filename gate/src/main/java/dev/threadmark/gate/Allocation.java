package dev.threadmark.gate;

import java.util.Arrays;

/**
 * The allocation rule: bytes allocated per operation ({@code gc.alloc.rate.norm}) barely move
 * between runs of the same code — they count what the code allocates, not how long it took — so
 * a rise is the cheapest and steadiest regression signal the gate has, and needs no test of
 * significance. A point allocates more when, against its baseline's values (one per night or per
 * trial) and the candidate's,
 * <ol>
 * <li>the medians rose by more than {@value #RELATIVE_TOLERANCE} of the baseline and more than
 *     {@value #ABSOLUTE_TOLERANCE_BYTES} bytes (a few objects more in a million-task fan-out is
 *     not news; TLAB and GC timing move the figure by that much), and</li>
 * <li>every candidate value lies above every baseline value: where the figure does wander (a
 *     point whose fan-out races a GC), the baseline's own range says by how much.</li>
 * </ol>
 *
 * @param before median bytes per operation of the baseline, NaN when it has none
 * @param after  median of the candidate
 */
record Allocation(double before, double after, boolean rose) {
    static final double RELATIVE_TOLERANCE = 0.02;
    static final double ABSOLUTE_TOLERANCE_BYTES = 16;

    static final Allocation UNKNOWN = new Allocation(Double.NaN, Double.NaN, false);

    /** The rule over the two sides' values; NaN values (no GC profiler) are left out. */
    static Allocation of(double[] baseline, double[] candidate) {
        double[] old = Arrays.stream(baseline).filter(Double::isFinite).toArray();
        double[] now = Arrays.stream(candidate).filter(Double::isFinite).toArray();
        if (old.length == 0 || now.length == 0) {
            return UNKNOWN;
        }
        double before = median(old);
        double after = median(now);
        boolean rose = after - before > Math.max(RELATIVE_TOLERANCE * before, ABSOLUTE_TOLERANCE_BYTES)
                && Arrays.stream(now).min().orElseThrow() > Arrays.stream(old).max().orElseThrow();
        return new Allocation(before, after, rose);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
