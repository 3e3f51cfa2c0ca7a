package dev.threadmark.report;

import static dev.threadmark.report.Fixtures.failed;
import static dev.threadmark.report.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.harness.PointResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollapseDetectorTest {
    private final CollapseDetector detector = new CollapseDetector(0.5);

    private CollapsePoint detect(List<PointResult> series) {
        return detector.detect("m", series.getFirst().point().workload(), series, Fixtures.run(series));
    }

    @Test
    void cleanCollapseIsBracketed() {
        CollapsePoint cp = detect(List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 11, 10.8, 11.2),
                ok("m", "sleep", 100, 40, 38, 42), ok("m", "sleep", 1000, 400, 390, 410)));
        assertEquals(10, cp.lastGood());
        assertEquals(100, cp.firstBad());
        assertTrue(cp.reason().startsWith("efficiency 25 %"), cp.reason());
    }

    @Test
    void noisyPointWhoseIntervalReachesGoodEfficiencyIsNotACollapse() {
        // Mean 25 ms (40 %), but the CI reaches 15 ms (67 %): noise cannot be told from a collapse.
        CollapsePoint cp = detect(List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 25, 15, 35),
                ok("m", "sleep", 100, 11, 10.5, 11.5)));
        assertFalse(cp.collapsed(), cp.toString());
        assertEquals(100, cp.lastGood());
    }

    @Test
    void failureIsACollapse() {
        CollapsePoint cp = detect(List.of(ok("m", "sleep", 1000, 12, 11, 13),
                failed("m", "sleep", 100_000, "OutOfMemoryError: unable to create native thread")));
        assertEquals(1000, cp.lastGood());
        assertEquals(100_000, cp.firstBad());
        assertEquals("failed: OutOfMemoryError: unable to create native thread", cp.reason());
    }

    @Test
    void modelThatNeverCollapses() {
        CollapsePoint cp = detect(List.of(ok("m", "spin", 1, 0.011, 0.0105, 0.0115),
                ok("m", "spin", 1000, 5.2, 5.1, 5.3))); // ideal: 1000 x 10 µs / 2 cores = 5 ms
        assertFalse(cp.collapsed());
        assertEquals(1000, cp.lastGood());
    }

    @Test
    void collapseAtTheFirstCountHasNoLastGood() {
        CollapsePoint cp = detect(List.of(ok("m", "spin", 1, 0.1, 0.09, 0.11)));
        assertEquals(0, cp.lastGood());
        assertEquals(1, cp.firstBad());
    }

    @Test
    void idealLines() {
        RunData run = Fixtures.run(Fixtures.sweep());
        assertEquals(10, Ideal.ms("sleep", 1_000_000, run));
        assertEquals(0.01, Ideal.ms("spin", 1, run), 1e-12);
        assertEquals(0.01, Ideal.ms("spin", 2, run), 1e-12);
        assertEquals(5.0, Ideal.ms("spin", 1000, run), 1e-9);
    }

    @Test
    void sentenceSaysTaskForOne() {
        CollapsePoint cp = new CollapsePoint("user", "blocking-sleep", 1, 10, "efficiency 20 %");
        assertEquals("user holds up to 1 task and collapses at 10 — efficiency 20 %", ReportModel.sentence(cp, List.of()));
    }

    @Test
    void thresholdMustBeAFraction() {
        assertThrows(IllegalArgumentException.class, () -> new CollapseDetector(50));
    }
}
