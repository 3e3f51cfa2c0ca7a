package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Compares a candidate run with a baseline, point by point, like benchstat. This is the gate's
 * rule, and its only home: the nightly, {@code compare.sh} and the trend chart's crosses (which
 * draw the verdicts the nightly recorded) all come from here.
 *
 * <p><b>Samples.</b> One sample per JMH fork: the mean of its iterations. Iterations of one fork
 * share its JIT decisions and memory layout, so they are not independent; forks are. The
 * baseline pools the forks of its runs (see {@link Pooling} for which runs may be pooled). Each
 * row says how many samples each side had.
 *
 * <p><b>A point regresses</b> when all of these hold:
 * <ol>
 * <li>it got worse in its own direction (time per operation up, throughput down) and the medians
 *     of the samples differ by at least the minimum effect;</li>
 * <li>the two-sided Mann–Whitney U test on the samples (Commons Statistics: exact without ties
 *     for fewer than 50 per side, else the normal approximation with tie and continuity
 *     correction) rejects "same distribution" at α <em>after</em> the Benjamini–Hochberg
 *     adjustment over all points the comparison tested, so a run of 100 points does not raise
 *     five false alarms by design;</li>
 * <li>the candidate lies outside the baseline's run-to-run spread ({@link #spread}): for several
 *     runs, their means' median ± 3 robust standard deviations; for one run, the range of its
 *     forks, or JMH's interval when it had one fork. On a shared machine the night-to-night
 *     wander is the largest noise; a change inside it is no evidence of a code change, however
 *     small the p-value.</li>
 * </ol>
 * A point that is significant but fails 1 or 3 is reported as slower (faster), not judged. A
 * point that was measured and now fails is a regression too; one that is now over budget or
 * skipped is reported as not measured, not judged (the budget rests on an estimate, and the
 * slowdown that caused it shows at a smaller N).
 *
 * <p><b>Too few samples.</b> With n and m samples the exact test's smallest two-sided p-value is
 * {@code 2 / C(n + m, n)}: 1 fork against 5 pooled runs of 1 fork can never go below 0.33. Such a
 * point is {@link Verdict#UNTESTABLE}, which the output says, rather than silently "same".
 */
public final class Comparison {
    public enum Verdict { SAME, FASTER, SLOWER, REGRESSED, IMPROVED, UNTESTABLE, NEWLY_FAILING, NOW_NOT_MEASURED,
        STILL_NOT_MEASURED, NEW, GONE;

        /** What fails the gate. */
        public boolean regression() {
            return this == REGRESSED || this == NEWLY_FAILING;
        }
    }

    /**
     * One compared point.
     *
     * @param oldMedian  median of the baseline's samples (fork means)
     * @param newMedian  median of the candidate's
     * @param p          Mann–Whitney's two-sided p-value; NaN when not tested
     * @param q          p adjusted by Benjamini–Hochberg over the comparison's tested points
     * @param oldSamples how many independent samples (forks) the baseline had, over {@code oldRuns} runs
     * @param spreadLow  the baseline's run-to-run spread, low end
     * @param since      for a regression that persists: the run since which it is regressed; else empty
     */
    public record Row(String name, String unit, double oldMedian, double newMedian, double delta, double p, double q,
            int oldSamples, int oldRuns, int newSamples, double spreadLow, double spreadHigh, Verdict verdict,
            String since) {
        Row withVerdict(Verdict v, double adjusted) {
            return new Row(name, unit, oldMedian, newMedian, delta, p, adjusted, oldSamples, oldRuns, newSamples,
                    spreadLow, spreadHigh, v, since);
        }

        public Row since(String runId) {
            return new Row(name, unit, oldMedian, newMedian, delta, p, q, oldSamples, oldRuns, newSamples, spreadLow,
                    spreadHigh, verdict, runId);
        }
    }

    /**
     * One run's measurement of one point.
     *
     * @param lowerIsBetter time per operation (true) or throughput (false)
     * @param forkMeans     one sample per fork
     * @param ciLow         JMH's interval of the run; the spread of last resort for a one-fork run
     */
    public record Sample(String unit, boolean lowerIsBetter, double[] forkMeans, boolean measured, boolean failed,
            double ciLow, double ciHigh) {
        /** The run's value: the mean of its forks. */
        double center() {
            return Arrays.stream(forkMeans).average().orElse(Double.NaN);
        }
    }

    /** The gate's defaults: significance level (of the adjusted p-values), and the smallest relative change worth flagging. */
    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_MIN_EFFECT = 0.10;

    private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED)
            .with(PValueMethod.AUTO).with(ContinuityCorrection.ENABLED);

    private final double alpha;
    private final double minEffect;

    public Comparison(double alpha, double minEffect) {
        if (!(alpha > 0 && alpha < 1) || !(minEffect >= 0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1) and the minimum effect ≥ 0");
        }
        this.alpha = alpha;
        this.minEffect = minEffect;
    }

    public double alpha() {
        return alpha;
    }

    public double minEffect() {
        return minEffect;
    }

    public List<Row> compare(RunData baseline, RunData candidate) {
        return compare(oneRun(samples(baseline)), samples(candidate));
    }

    /** A baseline of one run, in the form {@link #compare(Map, Map)} takes. */
    static Map<String, List<Sample>> oneRun(Map<String, Sample> samples) {
        Map<String, List<Sample>> perPoint = new LinkedHashMap<>();
        samples.forEach((name, s) -> perPoint.put(name, List.of(s)));
        return perPoint;
    }

    /**
     * The general form: per point, the baseline's runs (each one {@link Sample}; the nightly
     * chooses them per point) and the candidate's sample. Points only in the baseline are listed
     * as gone.
     */
    public List<Row> compare(Map<String, List<Sample>> baseline, Map<String, Sample> candidate) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Sample> e : candidate.entrySet()) {
            rows.add(row(e.getKey(), baseline.getOrDefault(e.getKey(), List.of()), e.getValue()));
        }
        for (Map.Entry<String, List<Sample>> e : baseline.entrySet()) {
            if (!candidate.containsKey(e.getKey()) && !e.getValue().isEmpty()) {
                double[] all = pooled(e.getValue());
                rows.add(new Row(e.getKey(), e.getValue().getFirst().unit(), median(all), Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, all.length, e.getValue().size(), 0, Double.NaN, Double.NaN,
                        Verdict.GONE, ""));
            }
        }
        return judge(rows, baseline, candidate);
    }

    /** The row before the verdict on significance, which needs every point's p-value. */
    private static Row row(String name, List<Sample> baseline, Sample c) {
        // The baseline's runs that measured the point: a run where it was over budget gave no sample.
        List<Sample> runs = baseline.stream().filter(Sample::measured).toList();
        double[] old = pooled(runs);
        double newMedian = median(c.forkMeans());
        boolean measuredBefore = old.length > 0;
        if (baseline.isEmpty() || (!measuredBefore && c.measured())) {
            return new Row(name, c.unit(), Double.NaN, newMedian, Double.NaN, Double.NaN, Double.NaN, 0, runs.size(),
                    c.forkMeans().length, Double.NaN, Double.NaN, Verdict.NEW, "");
        }
        if (!c.measured()) {
            // Failing is a regression; not being run (over budget, skipped) is reported, not judged.
            Verdict v = !measuredBefore ? Verdict.STILL_NOT_MEASURED : c.failed() ? Verdict.NEWLY_FAILING
                    : Verdict.NOW_NOT_MEASURED;
            return new Row(name, c.unit(), median(old), Double.NaN, Double.NaN, Double.NaN, Double.NaN, old.length,
                    runs.size(), 0, Double.NaN, Double.NaN, v, "");
        }
        double oldMedian = median(old);
        double[] spread = spread(runs);
        double p = TEST.test(old, c.forkMeans()).getPValue();
        return new Row(name, c.unit(), oldMedian, newMedian, (newMedian - oldMedian) / oldMedian, p, Double.NaN,
                old.length, runs.size(), c.forkMeans().length, spread[0], spread[1], Verdict.SAME, "");
    }

    /** Adjusts the p-values over all tested points, then decides each tested point. */
    private List<Row> judge(List<Row> rows, Map<String, List<Sample>> baseline, Map<String, Sample> candidate) {
        double[] p = rows.stream().mapToDouble(r -> r.verdict() == Verdict.SAME ? r.p() : Double.NaN).toArray();
        double[] q = BenjaminiHochberg.adjust(p);
        List<Row> judged = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            // SAME marks the rows measured on both sides, still to be decided; p is NaN only when every sample ties
            judged.add(r.verdict() != Verdict.SAME ? r
                    : r.withVerdict(verdict(r, q[i], candidate.get(r.name()).lowerIsBetter()), q[i]));
        }
        return judged;
    }

    private Verdict verdict(Row r, double q, boolean lowerIsBetter) {
        if (smallestP(r.oldSamples(), r.newSamples()) >= alpha) {
            return Verdict.UNTESTABLE;
        }
        if (!(q < alpha)) {
            return Verdict.SAME;
        }
        boolean worse = lowerIsBetter ? r.delta() > 0 : r.delta() < 0;
        boolean beyondSpread = r.newMedian() > r.spreadHigh() || r.newMedian() < r.spreadLow();
        if (Math.abs(r.delta()) >= minEffect && beyondSpread) {
            return worse ? Verdict.REGRESSED : Verdict.IMPROVED;
        }
        return worse ? Verdict.SLOWER : Verdict.FASTER;
    }

    /** The smallest two-sided p-value the exact test can give with n and m samples: both orderings fully separated. */
    static double smallestP(int n, int m) {
        double orderings = 1; // C(n + m, n), built up as a product that stays exact for small n
        for (int i = 1; i <= n; i++) {
            orderings = orderings * (m + i) / i;
        }
        return n == 0 || m == 0 ? 1 : Math.min(1, 2 / orderings);
    }

    /**
     * The baseline's run-to-run spread. Over several runs: their means' median ± 3 scaled median
     * absolute deviations (Hampel's outlier rule), so the nights' wander widens it and one bad
     * night among five does not. For one run of several forks: the range of its forks; for one
     * run of one fork: JMH's interval of it, the only spread there is.
     */
    static double[] spread(List<Sample> runs) {
        if (runs.size() > 1) {
            double[] centers = runs.stream().mapToDouble(Sample::center).toArray();
            double median = median(centers);
            double mad = median(Arrays.stream(centers).map(c -> Math.abs(c - median)).toArray());
            double half = HAMPEL_K * MAD_TO_SD * mad;
            return new double[] {median - half, median + half};
        }
        Sample only = runs.getFirst();
        double[] forks = only.forkMeans();
        if (forks.length > 1) {
            return new double[] {Arrays.stream(forks).min().orElseThrow(), Arrays.stream(forks).max().orElseThrow()};
        }
        return Double.isNaN(only.ciLow()) ? new double[] {forks[0], forks[0]} : new double[] {only.ciLow(), only.ciHigh()};
    }

    /** Hampel's identifier: farther than 3 standard deviations, estimated robustly, from the median. */
    private static final double HAMPEL_K = 3;
    /** MAD × 1.4826 estimates the standard deviation of normally distributed values. */
    private static final double MAD_TO_SD = 1.4826;

    private static double[] pooled(List<Sample> runs) {
        return runs.stream().flatMapToDouble(s -> Arrays.stream(s.forkMeans())).toArray();
    }

    public static boolean anyRegression(List<Row> rows) {
        return rows.stream().anyMatch(r -> r.verdict().regression());
    }

    /** Geometric mean of new/old over the points measured in both runs. */
    public static double geomeanRatio(List<Row> rows) {
        double logSum = 0;
        int n = 0;
        for (Row r : rows) {
            if (!Double.isNaN(r.delta())) {
                logSum += Math.log(r.newMedian() / r.oldMedian());
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(logSum / n);
    }

    /**
     * benchstat-like table, as plain text or GitHub Markdown: old and new medians with their
     * sample counts ("n=10/5": 10 forks over 5 runs), delta ({@code ~} when not significant),
     * raw and adjusted p-values, verdict.
     */
    public static String format(List<Row> rows, boolean markdown) {
        StringBuilder b = new StringBuilder();
        if (markdown) {
            b.append("| point | old | n | new | n | delta | p | q | verdict |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        } else {
            b.append(String.format(Locale.ROOT, "%-40s %14s %7s %14s %3s %9s %7s %7s  %s%n", "point", "old", "n", "new",
                    "n", "delta", "p", "q", "verdict"));
        }
        for (Row r : rows) {
            String delta = Double.isNaN(r.delta()) ? "" : r.verdict() == Verdict.SAME ? "~"
                    : String.format(Locale.ROOT, "%+.1f%%", 100 * r.delta());
            String p = probability(r.p());
            String q = probability(r.q());
            String verdict = r.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (r.since().isEmpty() ? "" : " since " + r.since());
            String old = value(r.oldMedian(), r.unit());
            String now = value(r.newMedian(), r.unit());
            String nOld = r.oldSamples() == 0 ? "" : r.oldSamples() + (r.oldRuns() > 1 ? "/" + r.oldRuns() : "");
            String nNew = r.newSamples() == 0 ? "" : Integer.toString(r.newSamples());
            if (markdown) {
                String mark = r.verdict().regression() ? "**" : "";
                b.append("| ").append(r.name()).append(" | ").append(old).append(" | ").append(nOld).append(" | ")
                        .append(now).append(" | ").append(nNew).append(" | ").append(delta).append(" | ").append(p)
                        .append(" | ").append(q).append(" | ").append(mark).append(verdict).append(mark).append(" |\n");
            } else {
                b.append(String.format(Locale.ROOT, "%-40s %14s %7s %14s %3s %9s %7s %7s  %s%n", r.name(), old, nOld, now,
                        nNew, delta, p, q, verdict));
            }
        }
        double g = geomeanRatio(rows);
        String geo = Double.isNaN(g) ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * (g - 1));
        if (markdown) {
            b.append("| **geomean** | | | | | ").append(geo).append(" | | | |\n");
        } else {
            b.append(String.format(Locale.ROOT, "%-40s %14s %7s %14s %3s %9s%n", "geomean", "", "", "", "", geo));
        }
        return b.toString();
    }

    /**
     * One line for the summary when some points could not be tested: how many, with how many
     * samples a side, and the smallest p-value those allow. Empty when every point was testable.
     */
    public String untestable(List<Row> rows) {
        Map<String, Long> bySize = rows.stream().filter(r -> r.verdict() == Verdict.UNTESTABLE)
                .collect(Collectors.groupingBy(r -> String.format(Locale.ROOT,
                        "with %d baseline against %d candidate samples (smallest p %.3f)", r.oldSamples(),
                        r.newSamples(), smallestP(r.oldSamples(), r.newSamples())), TreeMap::new, Collectors.counting()));
        if (bySize.isEmpty()) {
            return "";
        }
        long total = bySize.values().stream().mapToLong(Long::longValue).sum();
        String sizes = bySize.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return total + " points untestable: the samples (forks) are too few for Mann–Whitney to reach α = " + alpha
                + " at all: " + sizes + ". Pool more runs (--keep) or run more forks per point.";
    }

    private static String probability(double p) {
        return Double.isNaN(p) ? "" : p < 0.001 ? String.format(Locale.ROOT, "%.1e", p)
                : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String value(double v, String unit) {
        return Double.isNaN(v) ? "–" : Format.number(v) + " " + unit;
    }

    /** The name a sweep point has in comparisons and in the history: model/workload/tasks. */
    static String pointName(String model, String workload, long tasks) {
        return model + "/" + workload + "/" + tasks;
    }

    /** A run's points: the sweep's from the CSV with JMH's forks; the runtime stage's from JMH alone. */
    static Map<String, Sample> samples(RunData run) {
        Map<String, Sample> samples = new LinkedHashMap<>();
        for (PointResult p : run.points()) {
            double[] forks = run.jmhFor(p.point()).map(JmhResult::forkMeans).orElse(new double[0]);
            samples.put(pointName(p.point().model(), p.point().workload(), p.point().tasks()),
                    new Sample(p.unit(), lowerIsBetter(p.unit()), forks, p.measured() && forks.length > 0,
                            p.status() == PointStatus.FAILED, p.ciLow(), p.ciHigh()));
        }
        for (JmhResult j : run.jmh()) {
            if (!j.benchmark().endsWith("SweepBenchmark.fanOutAndJoin")) {
                String name = j.benchmark().substring(j.benchmark().lastIndexOf('.') + 1) + "/" + j.param("model");
                samples.put(name, sample(j));
            }
        }
        return samples;
    }

    /** A JMH entry as one run's sample. */
    static Sample sample(JmhResult j) {
        double[] forks = j.forkMeans();
        return new Sample(j.unit(), j.lowerIsBetter(), forks, forks.length > 0, false, j.score() - j.error(),
                j.score() + j.error());
    }

    /** For CSV points, which carry a unit and no mode: time per operation (ms/op) and bytes per task are lower-better. */
    static boolean lowerIsBetter(String unit) {
        return unit.endsWith("/op") || unit.startsWith("B/");
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
