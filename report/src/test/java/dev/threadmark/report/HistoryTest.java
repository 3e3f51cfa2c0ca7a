package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.harness.MalformedResultsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    private static RunData run(String id) {
        return new RunData(id, Fixtures.META, Fixtures.sweep(), List.of(), new TreeMap<>(), List.of(), 0);
    }

    @Test
    void appendsOncePerRun(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("history/history.csv");
        assertTrue(History.append(file, run("run-1")));
        assertTrue(History.append(file, run("run-2")));
        byte[] before = Files.readAllBytes(file);
        assertFalse(History.append(file, run("run-1")), "the same run twice");
        assertEquals(new String(before), Files.readString(file), "a duplicate changes nothing");
        List<History.Row> rows = History.read(file);
        assertEquals(2 * Fixtures.sweep().size(), rows.size());
        assertEquals("FAILED", rows.get(3).status());
        assertTrue(Double.isNaN(rows.get(3).score()));
    }

    @Test
    void crashBetweenWriteAndRenameLosesNothing(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("history.csv");
        History.append(file, run("run-1"));
        String good = Files.readString(file);
        // A crash after writing the temporary file and before the rename leaves this behind:
        Files.writeString(tmp.resolve(".history.csv.tmp"), good.substring(0, good.length() / 3));
        assertEquals(Fixtures.sweep().size(), History.read(file).size(), "the history itself is intact");
        assertTrue(History.append(file, run("run-2")), "the next append simply replaces the leftover");
        assertEquals(2 * Fixtures.sweep().size(), History.read(file).size());
        assertFalse(Files.exists(tmp.resolve(".history.csv.tmp")));
    }

    @Test
    void badRowIsReportedWithItsLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("history.csv");
        History.append(file, run("run-1"));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(4, lines.get(4).replaceFirst(",sleep,100000,", ",sleep,lots,"));
        Files.write(file, lines);
        MalformedResultsException e = assertThrows(MalformedResultsException.class, () -> History.append(file, run("run-2")));
        assertTrue(e.getMessage().contains("history.csv line 5"), e.getMessage());
        assertEquals(lines, Files.readAllLines(file), "a failed append leaves the file alone");
    }

    @Test
    void rollingBaselineIgnoresOneBadNight() {
        Comparison c = new Comparison(0.05, 0.10);
        List<RunData> baselines = List.of(night(100, 1), night(100, 2), night(150, 3), night(100, 4), night(100, 5));
        assertFalse(Comparison.anyRegression(c.compare(baselines, night(101, 6))), "a normal night after a bad one");
        assertTrue(Comparison.anyRegression(c.compare(baselines, night(125, 7))), "a real slowdown is still seen");
    }

    private static RunData night(double center, long seed) {
        java.util.Random r = new java.util.Random(seed);
        List<Double> it = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            it.add(center * (1 + 0.02 * (2 * r.nextDouble() - 1)));
        }
        double mean = it.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new RunData("n" + seed, Fixtures.META, List.of(Fixtures.ok("user", "sleep", 1000, mean, mean, mean)),
                List.of(), new TreeMap<>(), List.of(new JmhResult("dev.threadmark.harness.SweepBenchmark.fanOutAndJoin",
                        Map.of("model", "user", "workload", "sleep", "tasks", "1000"), "avgt", mean, 0, "ms/op", it, 2,
                        List.of(), Map.of())), 0);
    }
}
