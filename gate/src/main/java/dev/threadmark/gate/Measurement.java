package dev.threadmark.gate;

import dev.threadmark.report.JmhResult;
import dev.threadmark.report.RunData;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's measurement of one point: what every rule of the gate starts from.
 *
 * @param unit          the score's unit as JMH wrote it ({@code ms/op}, {@code ops/s})
 * @param mode          JMH's mode ({@code avgt}, {@code thrpt}, {@code ss}, {@code sample}); empty for
 *                      a sweep point without a JMH entry
 * @param lowerIsBetter time per operation (true) or throughput (false)
 * @param forks         per fork, its measured iterations
 * @param measured      whether the point was measured (a failing or over-budget point was not)
 * @param failed        whether it failed
 * @param allocPerOp    bytes allocated per operation ({@code gc.alloc.rate.norm}); NaN without the GC profiler
 */
public record Measurement(String unit, String mode, boolean lowerIsBetter, double[][] forks, boolean measured,
        boolean failed, double allocPerOp) {

    /** The fork means: iterations of one fork share its JIT decisions, so the fork is the unit inside a run. */
    public double[] forkMeans() {
        return Arrays.stream(forks).filter(f -> f.length > 0).mapToDouble(f -> Arrays.stream(f).average().orElseThrow())
                .toArray();
    }

    /** The run's value of the point: the mean of its fork means (NaN when not measured). */
    public double center() {
        return Arrays.stream(forkMeans()).average().orElse(Double.NaN);
    }

    /** The center on the log scale, oriented so that larger is worse: the scale every rule judges on. */
    double worseLog() {
        return worseLog(center());
    }

    /** A value of this point on the log scale, oriented so that larger is worse. */
    double worseLog(double value) {
        return (lowerIsBetter ? 1 : -1) * Math.log(value);
    }

    /** A JMH entry as one run's measurement. */
    static Measurement of(JmhResult j) {
        double[][] forks = j.rawData().stream()
                .map(f -> f.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray())
                .filter(f -> f.length > 0).toArray(double[][]::new);
        return new Measurement(j.unit(), j.mode(), j.lowerIsBetter(), forks, forks.length > 0, false,
                j.secondary().getOrDefault("gc.alloc.rate.norm", Double.NaN));
    }

    /**
     * A run's points by name: the sweep's from the CSV with JMH's forks ({@code model/workload/N});
     * the runtime stage's from JMH alone ({@code benchmark/model}).
     */
    static Map<String, Measurement> of(RunData run) {
        Map<String, Measurement> points = new LinkedHashMap<>();
        for (PointResult p : run.points()) {
            Measurement m = run.jmhFor(p.point()).map(Measurement::of).orElse(
                    new Measurement(p.unit(), "", lowerIsBetter(p.unit()), new double[0][], false, false, Double.NaN));
            points.put(p.point().name(), new Measurement(p.unit(), m.mode(), m.lowerIsBetter(), m.forks(),
                    p.measured() && m.forks().length > 0, p.status() == PointStatus.FAILED, m.allocPerOp()));
        }
        for (JmhResult j : run.jmh()) {
            if (!j.benchmark().endsWith("SweepBenchmark.fanOutAndJoin")) {
                points.put(j.benchmark().substring(j.benchmark().lastIndexOf('.') + 1) + "/" + j.param("model"), of(j));
            }
        }
        return points;
    }

    /** For CSV points, which carry a unit and no mode: time per operation and bytes are lower-better. */
    static boolean lowerIsBetter(String unit) {
        return unit.endsWith("/op") || unit.startsWith("B/");
    }
}
