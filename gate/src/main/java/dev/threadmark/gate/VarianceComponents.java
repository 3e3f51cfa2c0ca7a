package dev.threadmark.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Where a point's noise comes from, and what it takes to see through it: the variance of its
 * measurement split into three levels, nights (runs), forks within a night, and iterations within
 * a fork, estimated from the history's runs as Kalibera and Jones do ("Rigorous Benchmarking in
 * Reasonable Time", ISMM 2013), on the log scale so the figures read as relative spreads.
 *
 * <p>With S₁² the mean variance of iterations within a fork (n<sub>i</sub> per fork), S₂² the mean
 * variance of fork means within a night (n<sub>f</sub> forks per night) and S₃² the variance of
 * the nights' means, the unbiased components are
 * <pre>
 *   T₁ = S₁²,   T₂ = S₂² − T₁ / n_i,   T₃ = S₃² − S₂² / n_f
 * </pre>
 * (each clamped at 0: with few samples an estimate can come out negative). A night's value has
 * variance V = T₃ + T₂/n<sub>f</sub> + T₁/(n<sub>f</sub> n<sub>i</sub>): more forks shrink only the
 * last two terms; the night term is shrunk only by judging against more nights, and never below
 * the candidate night's own T₃ — which is why a noisy runner cannot be rescued by forks.
 *
 * <p>What they call for, printed per point: {@link #forksWorthRunning} — beyond it the fork term is
 * below a quarter of the night term and another fork buys little; and {@link #nightsNeeded} — the
 * fewest baseline nights whose prediction interval flags a lone change of the minimum effect.
 *
 * @param iteration T₁, fork T₂, night T₃ (log-scale variances; NaN where the history cannot tell:
 *                  one iteration per fork, one fork per night, one night)
 * @param forks     forks per night in the history (mean), iterations per fork likewise
 */
record VarianceComponents(double iteration, double fork, double night, double forks, double iterations, int nights) {

    /** The components of one point over its runs, each run given as its forks' iterations (raw values). */
    static VarianceComponents of(List<double[][]> runs) {
        List<Double> withinFork = new ArrayList<>();
        List<Double> withinNight = new ArrayList<>();
        double[] nightMeans = new double[runs.size()];
        double forkCount = 0;
        double iterationCount = 0;
        int forkTotal = 0;
        for (int r = 0; r < runs.size(); r++) {
            double[][] forks = runs.get(r);
            double[] forkMeans = new double[forks.length];
            for (int f = 0; f < forks.length; f++) {
                double[] logs = Arrays.stream(forks[f]).map(Math::log).toArray();
                forkMeans[f] = Evidence.mean(logs);
                if (logs.length > 1) {
                    withinFork.add(variance(logs));
                }
                iterationCount += logs.length;
                forkTotal++;
            }
            if (forkMeans.length > 1) {
                withinNight.add(variance(forkMeans));
            }
            nightMeans[r] = Evidence.mean(forkMeans);
            forkCount += forks.length;
        }
        double ni = forkTotal == 0 ? Double.NaN : iterationCount / forkTotal;
        double nf = runs.isEmpty() ? Double.NaN : forkCount / runs.size();
        double s1 = withinFork.isEmpty() ? Double.NaN : withinFork.stream().mapToDouble(d -> d).average().orElseThrow();
        double s2 = withinNight.isEmpty() ? Double.NaN : withinNight.stream().mapToDouble(d -> d).average().orElseThrow();
        double s3 = runs.size() < 2 ? Double.NaN : variance(nightMeans);
        double t1 = s1;
        double t2 = Double.isNaN(s2) ? Double.NaN : Math.max(0, s2 - (Double.isNaN(t1) ? 0 : t1 / ni));
        double t3 = Double.isNaN(s3) ? Double.NaN : Math.max(0, s3 - (Double.isNaN(s2) ? 0 : s2 / nf));
        return new VarianceComponents(t1, t2, t3, nf, ni, runs.size());
    }

    /** The variance of one night's value with {@code n} forks per night. */
    double nightValueVariance(double n) {
        return nz(night) + nz(fork) / n + nz(iteration) / (n * iterations);
    }

    /** The fewest forks beyond which another one shrinks the fork term below a quarter of the night term. */
    OptionalInt forksWorthRunning() {
        if (Double.isNaN(fork) || Double.isNaN(night)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(night == 0 ? Integer.MAX_VALUE : Math.max(1, (int) Math.ceil(4 * fork / night)));
    }

    /**
     * The fewest baseline nights (at most {@code cap}) whose one-sided prediction interval, at α/m
     * for a lone mover among {@code tested} points, is narrower than log(1 + minEffect), with this
     * many forks a night; empty if none up to the cap — not even infinitely many would do when
     * z<sub>1−α/m</sub> · √V already exceeds it.
     */
    OptionalInt nightsNeeded(double alpha, int tested, double minEffect, int cap) {
        if (Double.isNaN(night)) {
            return OptionalInt.empty();
        }
        double v = nightValueVariance(forks);
        double level = 1 - alpha / Math.max(1, tested);
        double target = Math.log1p(minEffect);
        if (NormalDistribution.of(0, 1).inverseCumulativeProbability(level) * Math.sqrt(v) > target) {
            return OptionalInt.empty();
        }
        for (int k = 2; k <= cap; k++) {
            if (TDistribution.of(k - 1).inverseCumulativeProbability(level) * Math.sqrt(v * (1 + 1.0 / k)) <= target) {
                return OptionalInt.of(k);
            }
        }
        return OptionalInt.empty();
    }

    /** "night ±4.1 %, fork ±1.2 %, iteration ±0.8 %": each component as a relative standard deviation. */
    String describe() {
        return "night " + percent(night) + ", fork " + percent(fork) + ", iteration " + percent(iteration);
    }

    private static String percent(double variance) {
        return Double.isNaN(variance) ? "?" : String.format(Locale.ROOT, "±%.1f %%", 100 * Math.sqrt(variance));
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    static double variance(double[] x) {
        double mean = Evidence.mean(x);
        return Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
    }
}
