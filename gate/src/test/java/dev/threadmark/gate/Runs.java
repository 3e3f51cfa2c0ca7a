package dev.threadmark.gate;

import dev.threadmark.report.Fixtures;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.ResultsCsv;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic run directories for the gate's tests, written as a sweep writes them: per point its
 * forks' iterations (so night, fork and iteration effects can be set apart) and its bytes per
 * operation, and any {@code run.properties} keys on top of {@link Fixtures#META}.
 */
final class Runs {
    private Runs() {}

    /** One point of a synthetic run: per fork its iterations (ms/op), and bytes per operation. */
    record Pt(String model, String workload, int tasks, double[][] forks, double allocPerOp) {
        double score() {
            return java.util.Arrays.stream(forks).flatMapToDouble(java.util.Arrays::stream).average().orElseThrow();
        }
    }

    /** Forks of {@code iterations} iterations around {@code value}: fork f at value·forkFactor[f], iterations ±0.2 %. */
    static double[][] forks(double value, double[] forkFactors, int iterations) {
        double[][] forks = new double[forkFactors.length][iterations];
        for (int f = 0; f < forkFactors.length; f++) {
            for (int i = 0; i < iterations; i++) {
                forks[f][i] = value * forkFactors[f] * (1 + 0.002 * (i - (iterations - 1) / 2.0) / iterations);
            }
        }
        return forks;
    }

    static Path write(Path dir, List<Pt> points, Map<String, String> meta) throws IOException {
        Files.createDirectories(dir);
        List<PointResult> rows = points.stream().map(p -> Fixtures.ok(p.model(), p.workload(), p.tasks(), p.score(),
                p.score() * 0.99, p.score() * 1.01)).toList();
        try (Writer w = Files.newBufferedWriter(dir.resolve(ResultsCsv.FILE_NAME))) {
            ResultsCsv.write(rows, w);
        }
        Map<String, String> all = new TreeMap<>(Fixtures.META);
        all.put("run.status", "complete");
        all.put("git.sha", dir.getFileName().toString().replaceAll(".*-", ""));
        all.putAll(meta);
        StringBuilder props = new StringBuilder();
        all.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("run.properties"), props);
        StringBuilder json = new StringBuilder("[");
        for (Pt p : points) {
            json.append(json.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
                    "{\"benchmark\": \"dev.threadmark.harness.SweepBenchmark.fanOutAndJoin\", \"mode\": \"avgt\","
                    + " \"forks\": %d, \"params\": {\"model\": \"%s\", \"workload\": \"%s\", \"tasks\": \"%d\"},"
                    + " \"primaryMetric\": {\"score\": %s, \"scoreError\": 0.1, \"scoreUnit\": \"ms/op\", \"rawData\": %s},"
                    + " \"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": %s, \"scoreError\": 0, \"scoreUnit\": \"B/op\","
                    + " \"rawData\": [[%s]]}}}", p.forks().length, p.model(), p.workload(), p.tasks(), p.score(),
                    rawData(p.forks()), p.allocPerOp(), p.allocPerOp()));
        }
        Files.writeString(dir.resolve("jmh.json"), json.append("]"));
        return dir;
    }

    private static String rawData(double[][] forks) {
        StringBuilder b = new StringBuilder("[");
        for (int f = 0; f < forks.length; f++) {
            b.append(f == 0 ? "[" : ", [");
            for (int i = 0; i < forks[f].length; i++) {
                b.append(i == 0 ? "" : ", ").append(forks[f][i]);
            }
            b.append(']');
        }
        return b.append(']').toString();
    }

    /** Point name → verdict name, from a history file's rows of one run. */
    static Map<String, String> verdicts(Path history, String runId) throws IOException {
        Map<String, String> v = new LinkedHashMap<>();
        dev.threadmark.results.History.read(history).stream().filter(r -> r.runId().equals(runId))
                .forEach(r -> v.put(r.point(), r.verdict()));
        return v;
    }
}
