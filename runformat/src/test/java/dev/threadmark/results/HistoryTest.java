package dev.threadmark.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history.csv: appended once per run, atomically, under a lock; old formats read; bad rows named by line. */
class HistoryTest {
    static final int POINTS = 4;

    /** A run of four points, the third one failed. */
    private static List<History.Row> run(String id) {
        return run(id, "host", "abc123");
    }

    private static List<History.Row> run(String id, String host, String sha) {
        return List.of(row(id, host, sha, "virtual", 100, 10.6, "OK", "SAME"),
                row(id, host, sha, "virtual", 10_000, 21, "OK", "REGRESSED"),
                row(id, host, sha, "platform", 100_000, Double.NaN, "FAILED", ""),
                row(id, host, sha, "user", 100, 10.9, "OK", ""));
    }

    private static History.Row row(String id, String host, String sha, String model, long tasks, double score,
            String status, String verdict) {
        return new History.Row(id, "2026-01-01T00:00Z", sha, "25.0.3", host, model, "sleep", tasks, 10, 5000, 200, 2,
                score, score * 0.01, score * 0.99, score * 1.01, "ms/op", status, verdict, 50_000, "");
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
        assertEquals(2 * POINTS, rows.size());
        assertEquals("FAILED", rows.get(2).status());
        assertTrue(Double.isNaN(rows.get(2).score()));
        assertTrue(rows.get(1).regressed() && !rows.get(0).regressed());
        assertEquals(50_000, rows.get(0).allocBytesPerOp());
        assertTrue(rows.get(0).trusted());
    }

    @Test
    void crashBetweenWriteAndRenameLosesNothing(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("history.csv");
        History.append(file, run("run-1"));
        String good = Files.readString(file);
        // A crash after writing the temporary file and before the rename leaves this behind:
        Files.writeString(tmp.resolve(".history.csv.12345-1.tmp"), good.substring(0, good.length() / 3));
        assertEquals(POINTS, History.read(file).size(), "the history itself is intact");
        assertTrue(History.append(file, run("run-2")), "the next append is not disturbed by the leftover");
        assertEquals(2 * POINTS, History.read(file).size());
    }

    @Test
    void badRowIsReportedWithItsLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("history.csv");
        History.append(file, run("run-1"));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(3, lines.get(3).replaceFirst(",sleep,100000,", ",sleep,lots,"));
        Files.write(file, lines);
        MalformedResultsException e = assertThrows(MalformedResultsException.class, () -> History.append(file, run("run-2")));
        assertTrue(e.getMessage().contains("history.csv line 4"), e.getMessage());
        assertEquals(lines, Files.readAllLines(file), "a failed append leaves the file alone");
    }

    @Test
    void textThatASpreadsheetWouldRunIsGuardedAndReadBack(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("history.csv");
        History.append(file, run("-run", "=HYPERLINK(\"http://x\")", "+1234"));
        String text = Files.readString(file);
        assertTrue(text.contains("'-run,") && text.contains("'+1234") && text.contains("\"'=HYPERLINK("), text);
        History.Row row = History.read(file).getFirst();
        assertEquals("-run", row.runId());
        assertEquals("+1234", row.gitSha());
        assertEquals("=HYPERLINK(\"http://x\")", row.host());
    }

    @Test
    void concurrentAppendsAllLand(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("history/history.csv");
        int writers = 8;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<Boolean>> done = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String id = "run-" + i;
                done.add(pool.submit(() -> {
                    start.await();
                    return History.append(file, run(id));
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Boolean> f : done) {
                assertTrue(f.get(), "each writer added its run"); // rethrows what a writer threw
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(writers * POINTS, History.read(file).size(), "no writer overwrote another");
    }

    @Test
    void olderFormatsAreReadWithTheirMissingCellsEmpty(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("history.csv");
        Files.writeString(file, String.join(",", List.of(History.COLUMNS).subList(0, 19)) + "\n"
                + "r1,2026-01-01,abc,25,host,virtual,sleep,100,10,5000,200,2,10.6,0.1,10.5,10.7,ms/op,OK,SAME\n");
        History.Row row = History.read(file).getFirst();
        assertEquals("SAME", row.verdict());
        assertTrue(Double.isNaN(row.allocBytesPerOp()) && row.trusted());
        History.append(file, run("r2"));
        assertTrue(Files.readString(file).startsWith(String.join(",", History.COLUMNS)), "written back in the current format");
        Files.writeString(file, "run_id,date,nonsense\n");
        assertThrows(MalformedResultsException.class, () -> History.read(file));
    }
}
