package dev.threadmark.harness;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.RunParameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The footprint probe run the way the stage runs it: a real JVM with the stage's flags and class path. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RuntimeStageTest {
    private static final RuntimeStage STAGE = new RuntimeStage(SweepProfile.QUICK, new RunParameters(10, 5000, 200, 2),
            new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));

    @Test
    void aProbeRunGivesAHeapAndAnRssRow() {
        List<PointResult> rows = STAGE.footprint("user", 1_000);
        assertEquals(List.of("parked-heap", "parked-rss"), rows.stream().map(r -> r.point().workload()).toList());
        for (PointResult r : rows) {
            assertEquals(PointStatus.OK, r.status(), r.reason());
            assertEquals("B/task", r.unit());
            assertEquals(1_000, r.point().tasks());
        }
        // a fiber holds at least its stack chunk and Fiber object on the heap
        assertTrue(rows.getFirst().score() > 50, "heap per parked fiber: " + rows.getFirst().score());
    }

    @Test
    void aFailedProbeGivesTwoFailedRowsWithItsReason() {
        List<PointResult> rows = STAGE.footprint("greenthreads", 1_000);
        assertEquals(2, rows.size());
        for (PointResult r : rows) {
            assertEquals(PointStatus.FAILED, r.status());
            assertTrue(r.reason().contains("unknown threading model 'greenthreads'"), r.reason());
        }
    }
}
