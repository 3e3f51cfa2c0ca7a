package dev.threadmark.gate;

import java.util.Arrays;

/**
 * The allocation rule: bytes allocated per operation ({@code gc.alloc.rate.norm}) count what the
 * code allocates, not how long it took, so for most points they barely move between runs of the
 * same code, and a rise is the cheapest regression signal the gate has. But not for all: a
 * sleep fan-out's first measured iteration allocates twice what the later ones do, and the same
 * code's {@code user/sleep/100} allocated 68.7, 73.6 and 74.3 kB on three nights in a row. So
 * the tolerance is the larger of a fixed floor and the baseline's own spread. A point allocates
 * more when, against its baseline's values (one per night or per trial, at least
 * {@value #MIN_BASELINE}) and the candidate's:
 * <ol>
 * <li>the medians rose by more than {@value #RELATIVE_TOLERANCE} of the baseline, more than
 *     {@value #ABSOLUTE_TOLERANCE_BYTES} bytes (a few objects more in a fan-out is not news) and
 *     more than {@value #SPREADS} standard deviations of the baseline's values, and</li>
 * <li>every candidate value lies above every baseline value.</li>
 * </ol>
 * With fewer baseline values the spread is unknown, and allocation is not judged.
 *
 * @param before median bytes per operation of the baseline, NaN when it has none
 * @param after  median of the candidate
 */
record Allocation(double before, double after, boolean rose) {
    static final double RELATIVE_TOLERANCE = 0.02;
    static final double ABSOLUTE_TOLERANCE_BYTES = 16;
    static final double SPREADS = 3;
    static final int MIN_BASELINE = 3;

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
        if (old.length < MIN_BASELINE) {
            return new Allocation(before, after, false);
        }
        double tolerance = Math.max(Math.max(RELATIVE_TOLERANCE * before, ABSOLUTE_TOLERANCE_BYTES),
                SPREADS * Evidence.sd(old, Evidence.mean(old)));
        boolean rose = after - before > tolerance
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
