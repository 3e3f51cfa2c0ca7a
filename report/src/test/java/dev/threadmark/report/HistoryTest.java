package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.MalformedResultsException;
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
        Files.writeString(tmp.resolve(".history.csv.12345-1.tmp"), good.substring(0, good.length() / 3));
        assertEquals(Fixtures.sweep().size(), History.read(file).size(), "the history itself is intact");
        assertTrue(History.append(file, run("run-2")), "the next append is not disturbed by the leftover");
        assertEquals(2 * Fixtures.sweep().size(), History.read(file).size());
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
    void textThatASpreadsheetWouldRunIsGuardedAndReadBack(@TempDir Path tmp) throws Exception {
        Map<String, String> meta = new java.util.HashMap<>(Fixtures.META);
        meta.put("machine.host", "=HYPERLINK(\"http://x\")");
        meta.put("git.sha", "+1234");
        Path file = tmp.resolve("history.csv");
        History.append(file, new RunData("-run", meta, Fixtures.sweep(), List.of(), new TreeMap<>(), List.of(), 0));
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
        assertEquals(writers * Fixtures.sweep().size(), History.read(file).size(), "no writer overwrote another");
    }
}
