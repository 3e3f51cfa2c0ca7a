package dev.threadmark.report;

import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.ResultsCsv;
import dev.threadmark.results.RunParameters;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Crafted runs: points with chosen scores and intervals, written the way the sweep writes them. */
public final class Fixtures {
    public static final RunParameters PARAMS = new RunParameters(10, 5000, 200, 2);
    public static final Map<String, String> META = Map.of("run.id", "test-run", "machine.cores", "2", "workload.sleep.ms", "10",
            "workload.spin.target.ns", "10000", "jdk.version", "25.0.3");

    private Fixtures() {}

    public static PointResult ok(String model, String workload, int tasks, double score, double ciLow, double ciHigh) {
        return new PointResult(new Point(workload, model, tasks), PARAMS, score, (ciHigh - ciLow) / 2, ciLow, ciHigh,
                "ms/op", 5, PointStatus.OK, "");
    }

    public static PointResult failed(String model, String workload, int tasks, String reason) {
        return new PointResult(new Point(workload, model, tasks), PARAMS, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, "ms/op", 0, PointStatus.FAILED, reason);
    }

    public static PointResult notMeasured(String model, String workload, int tasks, PointStatus status, String reason) {
        return new PointResult(new Point(workload, model, tasks), PARAMS, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, "ms/op", 0, status, reason);
    }

    /** A footprint probe's row: bytes per parked task, one sample, no interval. */
    public static PointResult bytes(String model, String workload, int tasks, double bytes) {
        return new PointResult(new Point(workload, model, tasks), PARAMS, bytes, Double.NaN, Double.NaN, Double.NaN,
                "B/task", 1, PointStatus.OK, "");
    }

    /** Numbers like the probe's on this machine; platform threads fail at 100k, as past pid_max. */
    public static List<PointResult> footprint() {
        String refused = "CapacityExceededException: platform: could not start task 32384 of 100000: "
                + "unable to create native thread";
        return List.of(
                bytes("platform", "parked-heap", 1_000, 0.2), bytes("platform", "parked-rss", 1_000, 61_128.7),
                bytes("platform", "parked-heap", 10_000, 0), bytes("platform", "parked-rss", 10_000, 23_451.6),
                failed("platform", "parked-heap", 100_000, refused), failed("platform", "parked-rss", 100_000, refused),
                bytes("virtual", "parked-heap", 1_000, 644.6), bytes("virtual", "parked-rss", 1_000, 282.6),
                bytes("virtual", "parked-heap", 100_000, 631.1), bytes("virtual", "parked-rss", 100_000, 19.3),
                bytes("user", "parked-heap", 100_000, 212.3), bytes("user", "parked-rss", 100_000, 24.9));
    }

    public static void writeRuntime(Path dir, List<PointResult> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("runtime.csv"))) {
            ResultsCsv.write(rows, w);
        }
    }

    public static RunData run(List<PointResult> points) {
        return new RunData("test-run", META, points, List.of());
    }

    public static Path writeRun(Path dir, List<PointResult> points) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve(ResultsCsv.FILE_NAME))) {
            ResultsCsv.write(points, w);
        }
        StringBuilder props = new StringBuilder();
        META.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> props.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        Files.writeString(dir.resolve("run.properties"), props);
        Files.writeString(dir.resolve("jmh.json"), jmhJson(points));
        return dir;
    }

    /** The JSON JMH would have written for the measured points: {@link #FORKS} forks of five iterations each. */
    public static String jmhJson(List<PointResult> points) {
        StringBuilder b = new StringBuilder("[");
        for (PointResult p : points) {
            if (!p.measured()) {
                continue;
            }
            if (b.length() > 1) {
                b.append(',');
            }
            b.append("{\"benchmark\": \"dev.threadmark.harness.SweepBenchmark.fanOutAndJoin\", \"mode\": \"avgt\",")
                    .append(" \"forks\": ").append(FORKS).append(", \"params\": {\"model\": \"")
                    .append(p.point().model().replace("\"", "\\\""))
                    .append("\", \"workload\": \"").append(p.point().workload()).append("\", \"tasks\": \"")
                    .append(p.point().tasks()).append("\"}, \"primaryMetric\": {\"score\": ").append(p.score())
                    .append(", \"scoreError\": ").append(p.error()).append(", \"scoreUnit\": \"ms/op\",")
                    .append(" \"rawData\": ").append(rawData(p.score())).append("}, \"secondaryMetrics\": {}}");
        }
        return b.append("]").toString();
    }

    /**
     * Forks per point in crafted runs: four, so that one night against the next can be tested at
     * all (4 against 4: smallest two-sided p = 2 / C(8, 4) = 0.029).
     */
    public static final int FORKS = 4;

    /** {@link #FORKS} forks ±1 % apart, each five iterations ±0.5 % around it; the mean of all is the score. */
    public static String rawData(double score) {
        StringBuilder b = new StringBuilder("[");
        double[] forks = {0.99, 0.997, 1.003, 1.01};
        for (int f = 0; f < FORKS; f++) {
            b.append(f == 0 ? "[" : ", [");
            double[] its = {0.995, 0.9975, 1, 1.0025, 1.005};
            for (int i = 0; i < its.length; i++) {
                b.append(i == 0 ? "" : ", ").append(score * forks[f] * its[i]);
            }
            b.append("]");
        }
        return b.append("]").toString();
    }

    /** A plausible sweep: virtual holds on, platform climbs and then fails. */
    public static List<PointResult> sweep() {
        return List.of(
                ok("platform", "sleep", 1, 10.5, 10.4, 10.6),
                ok("platform", "sleep", 100, 20, 19, 21),
                ok("platform", "sleep", 10_000, 1400, 1300, 1500),
                failed("platform", "sleep", 100_000, "CapacityExceededException: could not start task 32001"),
                ok("virtual", "sleep", 1, 10.4, 10.3, 10.5),
                ok("virtual", "sleep", 100, 10.6, 10.5, 10.7),
                ok("virtual", "sleep", 10_000, 21, 20, 22),
                ok("virtual", "sleep", 100_000, 300, 250, 350),
                ok("virtual", "spin", 1, 0.02, 0.019, 0.021),
                ok("virtual", "spin", 1000, 5.5, 5.4, 5.6));
    }
}
