package dev.threadmark.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Change points in one benchmark point's nightly series: the nights on which its level moved and
 * stayed moved. E-divisive means (Matteson &amp; James 2014, "A Nonparametric Approach for Multiple
 * Change Point Analysis of Multivariate Data", JASA 109:505) with exponent 1: the method MongoDB's CI
 * uses and Apache Otava (ex-Hunter) builds on. Like the paper and MongoDB's implementation, this
 * class tests significance by permutations.
 *
 * <h2>Implementation overview</h2>
 *
 * <p><b>Vocabulary.</b> The series is z<sub>0</sub> … z<sub>n−1</sub>, one value per night, oldest
 * first, already on a log scale. A <em>segment</em> is a run of nights [a, b) between neighbouring
 * accepted steps (or the ends of the series). A <em>split</em> of a segment at τ, a &lt; τ &lt; b,
 * cuts it into X = z[a, τ) of m = τ − a nights and Y = z[τ, b) of k = b − τ nights; τ, the first
 * night of Y, is the index a {@link Step} reports. A <em>candidate</em> is the split with the largest
 * statistic Q over all current segments.
 *
 * <p><b>The statistic</b> (the paper's Q̂ with its exponent α = 1, i.e. absolute differences; the
 * paper's α is not the {@code alpha} parameter here, which is the significance level):
 * <pre>
 *   Q(τ) = m·k/(m+k) · ( 2/(m·k) · Σ[x in X, y in Y] |x − y|
 *                        − Σ[i &lt; j in X] |x_i − x_j| / C(m,2)
 *                        − Σ[i &lt; j in Y] |y_i − y_j| / C(k,2) )
 * </pre>
 * where C(m,2) = m(m−1)/2 is the number of pairs; a segment of one night has no pairs and its term
 * is taken as 0. The bracket estimates the energy distance 2E|X−Y| − E|X−X'| − E|Y−Y'|, which for
 * distributions with a finite mean is 0 when X and Y are identically distributed and positive
 * otherwise. The factor m·k/(m+k) grows with the nights on both sides, so the same difference seen
 * over more nights scores higher.
 *
 * <p><b>One scan</b> of a segment of L nights costs L(L−1) absolute differences, O(L²), not O(L³):
 * {@code bestSplit} accumulates the within-pairs sums from the left, W(a, τ) for every τ, and from
 * the right, W(τ, b); every pair of the segment lies within X, within Y or across the split, so the
 * cross sum is W(a, b) − W(a, τ) − W(τ, b).
 *
 * <p><b>Choosing the split</b> (as in the paper, not plain bisection): every split of every current
 * segment that leaves at least {@code minSegment} nights on both sides is scanned, and the candidate
 * is the one with the largest Q; a tie goes to the earlier segment, then to the smaller τ. As in
 * MongoDB's implementation, Y runs to the end of its segment; the paper also maximises over where
 * Y ends (its κ), which this class does not.
 *
 * <p><b>The permutation test.</b> If there is no further change, the nights within each current
 * segment are exchangeable. Each of the {@code permutations} (R) rounds copies the series, shuffles
 * the nights within every current segment (Fisher–Yates), and takes the largest Q over the same
 * splits the candidate was chosen from. The candidate's p-value is
 * p = (1 + #{rounds whose largest Q ≥ the candidate's Q}) / (1 + R). The candidate is accepted if
 * p ≤ {@code alpha}: its segment becomes two and the search repeats on the new set of segments. The
 * search ends at the first candidate with p &gt; {@code alpha}, or when no segment has
 * 2·{@code minSegment} nights. Ties count against the candidate (≥), so a constant series, whose
 * every Q is 0, gets p = 1. For the first step of a series whose nights are exchangeable (iid noise,
 * say) the test's level is at most {@code alpha}: in expectation at most {@code alpha} of
 * change-free series report any step. Later steps are tested given segments chosen from the same
 * data, as in the paper, so their level is approximate. All shuffles draw from one
 * {@link SplittableRandom} seeded with {@code seed}, in a fixed order, so the same series, settings
 * and seed give the same steps and p-values: the nightly and the report agree.
 *
 * <p><b>Why {@code minSegment}.</b> Every segment a step creates, the first and last included, has
 * at least {@code minSegment} nights, because a split is scanned only if both its sides have. With
 * {@code minSegment} ≥ 2 no step can mark off a single night, wherever it falls, the newest night
 * included: one bad night is not a step. The price: the newest
 * {@code minSegment} − 1 nights can never begin a step, so a step at night r can be reported only
 * once there are {@code minSegment} nights from r on.
 *
 * <p><b>What it does not do.</b> It is not a gate on single nights: whether tonight's run is a
 * regression is the nightly gate's question, answered against a baseline; this class looks back
 * over the whole series, and every segment it reports spans at least {@code minSegment} nights. It
 * does not say whether a step is a regression or an improvement, nor whether it is large enough to
 * matter: {@link Step#before()} and {@link Step#after()} are for the caller to judge. A step is a
 * change of distribution, not only of level: a point that becomes noisier at the same mean can be
 * split, and then {@code before} and {@code after} are close. Each series is tested alone; across
 * many points, a multiple-comparison correction (such as Benjamini–Hochberg) is the caller's.
 */
final class ChangePoints {
    /**
     * One detected step: {@code index} is the first night of the new segment; {@code before} and
     * {@code after} are the means of the segments on either side (in the series' units), each
     * bounded by the neighbouring detected steps or the ends of the series; {@code p} is the
     * permutation p-value the step had when it was accepted.
     */
    record Step(int index, double before, double after, double p) {}

    /** The best split of one segment: its first night of Y and its Q. */
    private record Split(int tau, double q) {}

    private ChangePoints() {}

    /**
     * Steps in index order.
     *
     * @param series one value per night, oldest first, on a log scale; every value finite
     * @param alpha the significance level, 0 &lt; alpha &lt; 1; a candidate is accepted if p ≤ alpha
     * @param permutations rounds of the permutation test, R; 1/(1+R), the smallest p-value, must not exceed alpha
     * @param minSegment the fewest nights a segment may have (a single odd night is not a step); at least 1
     * @param seed seeds the shuffles, so that a run can be repeated exactly
     * @throws IllegalArgumentException if a value is NaN or infinite, or a setting is out of range
     */
    static List<Step> detect(double[] series, double alpha, int permutations, int minSegment, long seed) {
        Objects.requireNonNull(series, "series");
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("night " + i + " of the series is " + series[i]);
            }
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), not " + alpha);
        }
        if (permutations < 1 || 1.0 / (1 + permutations) > alpha) {
            throw new IllegalArgumentException(permutations + " permutations cannot give a p-value of " + alpha
                    + " or less: the smallest is 1/(1 + permutations)");
        }
        if (minSegment < 1) {
            throw new IllegalArgumentException("minSegment must be at least 1, not " + minSegment);
        }

        int n = series.length;
        Map<Integer, Double> accepted = new TreeMap<>(); // step index -> its p-value, in index order
        SplittableRandom random = new SplittableRandom(seed);
        double[] shuffled = new double[n];
        while (true) {
            int[] bounds = bounds(accepted, n);
            Split candidate = best(series, bounds, minSegment);
            if (candidate == null) {
                break; // no segment has 2 * minSegment nights
            }
            int atLeast = 0;
            for (int round = 0; round < permutations; round++) {
                shuffleWithinSegments(series, bounds, random, shuffled);
                if (best(shuffled, bounds, minSegment).q() >= candidate.q()) {
                    atLeast++;
                }
            }
            double p = (1.0 + atLeast) / (1.0 + permutations);
            if (p > alpha) {
                break;
            }
            accepted.put(candidate.tau(), p);
        }

        int[] bounds = bounds(accepted, n);
        List<Step> steps = new ArrayList<>(accepted.size());
        for (int s = 1; s < bounds.length - 1; s++) {
            double before = mean(series, bounds[s - 1], bounds[s]);
            double after = mean(series, bounds[s], bounds[s + 1]);
            steps.add(new Step(bounds[s], before, after, accepted.get(bounds[s])));
        }
        return steps;
    }

    /** 0, the accepted steps in index order, n: segment s is [bounds[s], bounds[s + 1]). */
    private static int[] bounds(Map<Integer, Double> accepted, int n) {
        int[] bounds = new int[accepted.size() + 2];
        int s = 1;
        for (int index : accepted.keySet()) {
            bounds[s++] = index;
        }
        bounds[s] = n;
        return bounds;
    }

    /** The split with the largest Q over all segments (the earlier on a tie), or null if none can be split. */
    private static Split best(double[] z, int[] bounds, int minSegment) {
        Split best = null;
        for (int s = 0; s + 1 < bounds.length; s++) {
            Split split = bestSplit(z, bounds[s], bounds[s + 1], minSegment);
            if (split != null && (best == null || split.q() > best.q())) {
                best = split;
            }
        }
        return best;
    }

    /** The split of z[a, b) with the largest Q (the smaller τ on a tie); null if b − a &lt; 2 · minSegment. */
    private static Split bestSplit(double[] z, int a, int b, int minSegment) {
        int len = b - a;
        if (len < 2L * minSegment) {
            return null;
        }
        // left[t]: the sum of |z_i - z_j| over the pairs within z[a, a + t); right[t]: the same
        // within z[a + t, b). A split after m nights has X's pairs in left[m] and Y's in right[m].
        double[] left = new double[len + 1];
        for (int t = 1; t < len; t++) {
            double zt = z[a + t];
            double sum = 0;
            for (int i = a; i < a + t; i++) {
                sum += Math.abs(zt - z[i]);
            }
            left[t + 1] = left[t] + sum;
        }
        double[] right = new double[len + 1];
        for (int t = len - 2; t >= 0; t--) {
            double zt = z[a + t];
            double sum = 0;
            for (int j = a + t + 1; j < b; j++) {
                sum += Math.abs(zt - z[j]);
            }
            right[t] = right[t + 1] + sum;
        }
        double total = left[len];

        Split best = null;
        for (int m = minSegment; m <= len - minSegment; m++) {
            int k = len - m;
            double across = total - left[m] - right[m];
            double withinX = m < 2 ? 0 : left[m] / (m * (m - 1.0) / 2);
            double withinY = k < 2 ? 0 : right[m] / (k * (k - 1.0) / 2);
            double q = (double) m * k / (m + k) * (2 * across / ((double) m * k) - withinX - withinY);
            if (best == null || q > best.q()) {
                best = new Split(a + m, q);
            }
        }
        return best;
    }

    /** Copies z into out and shuffles out within each segment, segment by segment from the first. */
    private static void shuffleWithinSegments(double[] z, int[] bounds, SplittableRandom random, double[] out) {
        System.arraycopy(z, 0, out, 0, z.length);
        for (int s = 0; s + 1 < bounds.length; s++) {
            int a = bounds[s];
            for (int i = bounds[s + 1] - 1; i > a; i--) {
                int j = a + random.nextInt(i - a + 1);
                double swap = out[i];
                out[i] = out[j];
                out[j] = swap;
            }
        }
    }

    private static double mean(double[] z, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += z[i];
        }
        return sum / (to - from);
    }
}
