package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.ResultsCsv;
import dev.threadmark.results.RunParameters;
import dev.threadmark.results.ServerCsv;
import dev.threadmark.results.Point;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The socket and native-sleep workloads through real JMH forks, with the reply server the sweep starts. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SocketSweepTest {
    private static final SweepProfile TINY = new SweepProfile("tiny", 1, 0, Duration.ofMillis(100), 3,
            Duration.ofMillis(100), 0, 3, List.of(10), 4, Duration.ofSeconds(2));

    @Test
    void socketPointsRecordTheServersCpuAndNativeSleepPinsCarriers(@TempDir Path results) throws Exception {
        SweepOptions options = new SweepOptions(TINY, List.of("virtual", "user"), List.of("socket", "native-sleep"),
                Duration.ofMillis(5), Duration.ofNanos(10_000), 4, 2, results, Path.of("."), false);
        Path run = new Sweep(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();

        List<PointResult> points = ResultsCsv.read(run.resolve(ResultsCsv.FILE_NAME));
        assertEquals(4, points.size());
        for (PointResult p : points) {
            assertEquals(PointStatus.OK, p.status(), p.toString());
            assertTrue(p.score() >= 5.0, "nothing waits less than one 5 ms service time or sleep: " + p);
        }
        PointResult virtualNative = points.stream().filter(p -> p.point().model().equals("virtual")
                && p.point().workload().equals("native-sleep")).findFirst().orElseThrow();
        // Loom pins a virtual thread's carrier in a native frame (ours hands the carrier's work off instead).
        assertTrue(virtualNative.score() >= 4 * 5.0, "10 native sleeps on 2 carriers are 5 sleeps: " + virtualNative);

        List<ServerCsv.Row> server = ServerCsv.read(run);
        assertEquals(2, server.size(), "one row per socket point: " + server);
        for (ServerCsv.Row r : server) {
            assertEquals("socket", r.point().workload());
            assertTrue(r.requests() >= 10 && r.requests() % 10 == 0, "whole operations of 10 requests: " + r);
            assertTrue(r.cpuMs() > 0 && r.cpuMsPerOperation() > 0, r.toString());
        }
    }

    /**
     * More connections than this process may open files: the point is FAILED with the OS's reason
     * and the sweep goes on. Runs at the real limit (20 000 here); skipped where it is too high to
     * reach in a test.
     */
    @Test
    void moreConnectionsThanTheOsAllowsIsAFailedPointWithItsReason(@TempDir Path log) throws Exception {
        long limit = openFilesLimit();
        assumeTrue(limit > 0 && limit <= 65_536, "open files limit " + limit);
        RunParameters params = new RunParameters(5, 10, 4, 0);
        try (PrintStream out = new PrintStream(Files.newOutputStream(log.resolve("jmh.log")))) {
            PointRunner.Outcome outcome = new PointRunner(TINY, params, Duration.ofNanos(10_000), out, null)
                    .run(new Point("socket", "virtual", (int) limit + 100), Optional.empty());
            System.out.println("socket at " + (limit + 100) + " connections: " + outcome.result().reason());
            assertEquals(PointStatus.FAILED, outcome.result().status(), outcome.result().toString());
            assertTrue(outcome.result().reason().contains("Too many open files"), outcome.result().reason());
            assertTrue(outcome.server().isPresent(), "the server's figures are kept for a failed point too");
        }
    }

    /** The hard limit on open files, from /proc/self/limits; -1 when unknown or unlimited. */
    private static long openFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return f[1].equals("unlimited") ? -1 : Long.parseLong(f[1]);
            }
        }
        return -1;
    }
}
