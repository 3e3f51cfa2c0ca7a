package dev.threadmark.report;

import dev.threadmark.harness.PointResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a candidate run with a baseline, point by point, like benchstat.
 *
 * <p>A point <b>regresses</b> when it got worse in its own direction (time per operation: up;
 * throughput: down), the Mann–Whitney U test on the JMH iterations of both runs rejects "same
 * distribution" at {@code alpha}, the medians differ by at least {@code minEffect}, <em>and</em>
 * JMH's confidence intervals of the two runs do not overlap. Significance alone flags trivial
 * shifts on a quiet machine, size alone flags noise on a busy one; and iterations of one fork are
 * not independent (JIT and memory layout differ between forks, not within one), so the U test
 * alone overstates its confidence. The interval condition, wider for noisy points, is what kept
 * clean reruns of the same commit quiet on the 2-core build machine. A point that was measured
 * and now fails is a regression too; one that is now over budget or skipped is reported as not
 * measured, not judged.
 */
public final class Comparison {
    public enum Verdict { SAME, FASTER, SLOWER, REGRESSED, IMPROVED, NEWLY_FAILING, NOW_NOT_MEASURED, STILL_NOT_MEASURED, NEW, GONE }

    /** One compared point: medians of the iterations, relative change, p-value. */
    public record Row(String name, String unit, double oldMedian, double newMedian, double delta, double p,
            Verdict verdict) {}

    /** The gate's defaults: significance level, and the smallest relative change worth flagging. */
    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_MIN_EFFECT = 0.10;

    private final double alpha;
    private final double minEffect;

    public Comparison(double alpha, double minEffect) {
        if (!(alpha > 0 && alpha < 1) || !(minEffect >= 0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1) and the minimum effect ≥ 0");
        }
        this.alpha = alpha;
        this.minEffect = minEffect;
    }

    /** Lower is better for time per operation (ms/op, ns/op), higher for throughput (ops/ms). */
    static boolean lowerIsBetter(String unit) {
        return unit.endsWith("/op") || unit.startsWith("B/");
    }

    public List<Row> compare(RunData baseline, RunData candidate) {
        return compare(List.of(baseline), candidate);
    }

    /**
     * Against a rolling baseline: the iterations of several earlier runs pooled, so one bad
     * night shifts the baseline's median by little. A point counts as passing in the baseline if
     * any of its runs measured it.
     */
    public List<Row> compare(List<RunData> baselines, RunData candidate) {
        Map<String, Sample> old = new LinkedHashMap<>();
        for (RunData b : baselines) {
            samples(b).forEach((name, s) -> old.merge(name, s, Sample::pool));
        }
        Map<String, Sample> now = samples(candidate);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Sample> e : now.entrySet()) {
            Sample b = old.get(e.getKey());
            rows.add(row(e.getKey(), b, e.getValue()));
        }
        for (Map.Entry<String, Sample> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                rows.add(new Row(e.getKey(), e.getValue().unit, median(e.getValue().values), Double.NaN, Double.NaN,
                        Double.NaN, Verdict.GONE));
            }
        }
        return rows;
    }

    Row row(String name, Sample b, Sample c) {
        if (b == null) {
            return new Row(name, c.unit, Double.NaN, median(c.values), Double.NaN, Double.NaN, Verdict.NEW);
        }
        if (!c.measured) {
            // Failing is a regression; not being run (over budget, skipped) is reported, not judged:
            // the budget rests on an estimate, and the slowdown that caused it shows at a smaller N.
            Verdict v = !b.measured ? Verdict.STILL_NOT_MEASURED : c.failed ? Verdict.NEWLY_FAILING
                    : Verdict.NOW_NOT_MEASURED;
            return new Row(name, c.unit, median(b.values), Double.NaN, Double.NaN, Double.NaN, v);
        }
        if (!b.measured) {
            return new Row(name, c.unit, Double.NaN, median(c.values), Double.NaN, Double.NaN, Verdict.NEW);
        }
        double om = median(b.values);
        double nm = median(c.values);
        double delta = (nm - om) / om;
        double p = MannWhitney.pValue(b.values, c.values);
        boolean worse = lowerIsBetter(c.unit) ? delta > 0 : delta < 0;
        boolean significant = p < alpha;
        boolean separated = Double.isNaN(b.ciLow()) || Double.isNaN(c.ciLow())
                || c.ciLow() > b.ciHigh() || c.ciHigh() < b.ciLow();
        Verdict v;
        if (!significant) {
            v = Verdict.SAME;
        } else if (Math.abs(delta) >= minEffect && separated) {
            v = worse ? Verdict.REGRESSED : Verdict.IMPROVED;
        } else {
            v = worse ? Verdict.SLOWER : Verdict.FASTER;
        }
        return new Row(name, c.unit, om, nm, delta, p, v);
    }

    public static boolean anyRegression(List<Row> rows) {
        return rows.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSED || r.verdict() == Verdict.NEWLY_FAILING);
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

    /** benchstat-like table, as plain text or GitHub Markdown. */
    public static String format(List<Row> rows, boolean markdown) {
        StringBuilder b = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-40s %14s %14s %9s %8s  %s", "point", "old", "new", "delta", "p", "verdict");
        if (markdown) {
            b.append("| point | old | new | delta | p | verdict |\n|---|---:|---:|---:|---:|---|\n");
        } else {
            b.append(header).append('\n');
        }
        for (Row r : rows) {
            String delta = Double.isNaN(r.delta()) ? "" : r.verdict() == Verdict.SAME ? "~"
                    : String.format(Locale.ROOT, "%+.1f%%", 100 * r.delta());
            String p = Double.isNaN(r.p()) ? "" : String.format(Locale.ROOT, "%.3f", r.p());
            String verdict = r.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            String old = value(r.oldMedian(), r.unit());
            String now = value(r.newMedian(), r.unit());
            if (markdown) {
                String mark = r.verdict() == Verdict.REGRESSED || r.verdict() == Verdict.NEWLY_FAILING ? "**" : "";
                b.append("| ").append(r.name()).append(" | ").append(old).append(" | ").append(now).append(" | ")
                        .append(delta).append(" | ").append(p).append(" | ").append(mark).append(verdict).append(mark)
                        .append(" |\n");
            } else {
                b.append(String.format(Locale.ROOT, "%-40s %14s %14s %9s %8s  %s%n", r.name(), old, now, delta, p, verdict));
            }
        }
        double g = geomeanRatio(rows);
        String geo = Double.isNaN(g) ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * (g - 1));
        if (markdown) {
            b.append("| **geomean** | | | ").append(geo).append(" | | |\n");
        } else {
            b.append(String.format(Locale.ROOT, "%-40s %14s %14s %9s%n", "geomean", "", "", geo));
        }
        return b.toString();
    }

    private static String value(double v, String unit) {
        return Double.isNaN(v) ? "–" : Format.number(v) + " " + unit;
    }

    /** A point's JMH iterations (empty and not measured when the point failed). */
    /**
     * A point's JMH iterations and JMH's confidence interval, per run (one run, or the pooled
     * runs of a rolling baseline, whose interval is the median run's, so one bad night does not
     * widen it).
     */
    record Sample(String unit, double[] values, boolean measured, boolean failed, double[] ciLows, double[] ciHighs) {
        Sample(String unit, double[] values, boolean measured, boolean failed, double ciLow, double ciHigh) {
            this(unit, values, measured, failed, new double[] {ciLow}, new double[] {ciHigh});
        }

        Sample pool(Sample other) {
            return new Sample(unit, concat(values, other.values), measured || other.measured, failed && other.failed,
                    concat(ciLows, other.ciLows), concat(ciHighs, other.ciHighs));
        }

        double ciLow() {
            return median(ciLows);
        }

        double ciHigh() {
            return median(ciHighs);
        }

        private static double[] concat(double[] a, double[] b) {
            double[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    static Map<String, Sample> samples(RunData run) {
        Map<String, Sample> samples = new LinkedHashMap<>();
        for (PointResult p : run.points()) {
            String name = p.point().model() + "/" + p.point().workload() + "/" + p.point().tasks();
            double[] values = run.jmhFor(p.point()).map(j -> j.iterations().stream().mapToDouble(Double::doubleValue)
                    .toArray()).orElse(new double[0]);
            samples.put(name, new Sample(p.unit(), values, p.measured() && values.length > 0,
                    p.status() == dev.threadmark.harness.PointStatus.FAILED, p.ciLow(), p.ciHigh()));
        }
        for (JmhResult j : run.jmh()) {
            if (!j.benchmark().endsWith("SweepBenchmark.fanOutAndJoin")) {
                String name = j.benchmark().substring(j.benchmark().lastIndexOf('.') + 1) + "/" + j.param("model");
                samples.put(name, new Sample(j.unit(), j.iterations().stream().mapToDouble(Double::doubleValue).toArray(),
                        !j.iterations().isEmpty(), false, j.score() - j.error(), j.score() + j.error()));
            }
        }
        return samples;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
