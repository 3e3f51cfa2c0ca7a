package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.MalformedResultsException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare BASELINE… CANDIDATE} on another project's JMH files: a codec library's
 * benchmarks with long parameterised names, in throughput and average-time modes, two forks a
 * run, and runs that wander ±3 % (sd) from one to the next while forks of one run agree within
 * 0.5 %.
 */
class CompareTest {
    static final String[][] BENCHMARKS = {
        {"org.example.codec.bench.JsonCodecBenchmark.decodeNestedDocumentWithEscapes", "thrpt", "ops/s", "52000"},
        {"org.example.codec.bench.JsonCodecBenchmark.encodeLargeArrayOfRecords", "avgt", "us/op", "310"},
        {"org.example.codec.bench.Base64Benchmark.roundTrip", "avgt", "ns/op", "880"},
        {"org.example.codec.bench.VarIntBenchmark.readUnsigned", "thrpt", "ops/s", "9.1e7"}};

    private final SplittableRandom random = new SplittableRandom(11);

    /** One JMH result file: every benchmark at its value × the run's wander, × {@code slower} for benchmark {@code which}. */
    private Path file(Path dir, String name, int forks, int which, double slower, String unitOverride) throws Exception {
        double run = Math.exp(0.03 * random.nextGaussian());
        StringBuilder json = new StringBuilder("[");
        for (int b = 0; b < BENCHMARKS.length; b++) {
            String[] bm = BENCHMARKS[b];
            boolean thrpt = bm[1].equals("thrpt");
            double value = Double.parseDouble(bm[3]) * (thrpt ? 1 / run : run);
            if (b == which) {
                value = thrpt ? value / slower : value * slower;
            }
            String unit = bm[2];
            if (b == 1 && unitOverride != null) {
                unit = unitOverride;
                value /= 1000; // us/op → ms/op
            }
            StringBuilder raw = new StringBuilder("[");
            for (int f = 0; f < forks; f++) {
                double fork = value * (1 + 0.005 * random.nextGaussian());
                raw.append(f == 0 ? "[" : ",[");
                for (int i = 0; i < 5; i++) {
                    raw.append(i == 0 ? "" : ",").append(fork * (1 + 0.003 * random.nextGaussian()));
                }
                raw.append(']');
            }
            raw.append(']');
            json.append(b == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"benchmark\":\"%s\",\"mode\":\"%s\","
                    + "\"forks\":%d,\"params\":{\"payloadSize\":\"4096\",\"escaping\":\"strict\"},\"primaryMetric\":"
                    + "{\"score\":%s,\"scoreError\":1,\"scoreUnit\":\"%s\",\"rawData\":%s},\"secondaryMetrics\":{}}",
                    bm[0], bm[1], forks, value, unit, raw));
        }
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, json.append(']'));
        return file;
    }

    private static String[] args(List<Path> files) {
        return files.stream().map(Path::toString).toArray(String[]::new);
    }

    private static String[] plus(List<Path> baselines, Path candidate) {
        List<Path> all = new ArrayList<>(baselines);
        all.add(candidate);
        return args(all);
    }

    private static Object[] compare(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = Compare.run(args);
            return new Object[] {exit, out.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void tenRunsOfAnotherProjectAreQuietOnAnEleventhAndNameTheOneThatIsThirtyPercentSlower(@TempDir Path dir)
            throws Exception {
        List<Path> baselines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            baselines.add(file(dir, "run" + i, 2, -1, 1, null));
        }
        Object[] same = compare(plus(baselines, file(dir, "same", 2, -1, 1, null)));
        assertEquals(0, same[0], (String) same[1]);
        Object[] slower = compare(plus(baselines, file(dir, "slower", 2, 0, 1.3, null)));
        String text = (String) slower[1];
        assertEquals(1, slower[0], text);
        assertEquals(1, text.lines().filter(l -> l.contains("regressed")).count(), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("JsonCodecBenchmark.decodeNestedDocumentWithEscapes payloadSize=4096 "
                + "escaping=strict") && l.contains("10 runs") && l.endsWith("regressed")), text);
        List<String> table = text.lines().takeWhile(l -> !l.startsWith("geomean")).toList();
        int verdictColumn = table.getFirst().indexOf("verdict");
        assertTrue(table.stream().allMatch(l -> l.length() >= verdictColumn && l.substring(verdictColumn - 2, verdictColumn)
                .isBlank()), "long names do not shift the columns:\n" + String.join("\n", table));
    }

    @Test
    void timeUnitsConvertAndModesMustMatch(@TempDir Path dir) throws Exception {
        List<Path> baselines = List.of(file(dir, "a", 2, -1, 1, null), file(dir, "b", 2, -1, 1, null),
                file(dir, "c", 2, -1, 1, null));
        Object[] msop = compare(plus(baselines, file(dir, "ms", 2, -1, 1, "ms/op")));
        assertEquals(0, msop[0], "us/op against ms/op is the same time, not 1000× faster: " + msop[1]);
        assertTrue(((String) msop[1]).contains("ms/op"), (String) msop[1]);

        Path avgt = dir.resolve("avgt.json");
        Files.writeString(avgt, Files.readString(baselines.get(0)).replace("\"thrpt\"", "\"avgt\""));
        MalformedResultsException e = assertThrows(MalformedResultsException.class,
                () -> Compare.run(args(List.of(baselines.get(0), baselines.get(1), avgt))));
        assertTrue(e.getMessage().contains("mode thrpt in the baseline, avgt in the candidate"), e.getMessage());

        Path bytes = dir.resolve("bytes.json");
        Files.writeString(bytes, Files.readString(baselines.get(1)).replace("\"ns/op\"", "\"B/op\""));
        e = assertThrows(MalformedResultsException.class, () -> Compare.run(args(List.of(baselines.get(0), bytes))));
        assertTrue(e.getMessage().contains("measured in ns/op in one run and in B/op in another"), e.getMessage());
    }

    @Test
    void oneForkASideGivesNoVerdictButAnIndicationAndTheForksItCallsFor(@TempDir Path dir) throws Exception {
        Object[] r = compare(args(List.of(file(dir, "a", 1, -1, 1, null), file(dir, "b", 1, 2, 1.3, null))));
        String text = (String) r[1];
        assertEquals(0, r[0], "no verdict, no failure: " + text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("Base64Benchmark.roundTrip") && l.endsWith("untestable")), text);
        assertTrue(text.contains("Base64Benchmark.roundTrip payloadSize=4096 escaping=strict: indication only, not a verdict: "
                + "the iterations say +2") && text.contains("forks a side, made back to back"), text);
    }

    @Test
    void twoFilesOfSeveralForksAreComparedForkByForkAndSaySo(@TempDir Path dir) throws Exception {
        Object[] r = compare(args(List.of(file(dir, "a", 5, -1, 1, null), file(dir, "b", 5, 3, 1.3, null))));
        String text = (String) r[1];
        assertTrue(text.contains("5 v 5 forks") && text.contains("valid only for two runs made back to back"), text);
    }
}
