package dev.threadmark.report;

import static dev.threadmark.report.Fixtures.failed;
import static dev.threadmark.report.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.PointResult;
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
        // scaling efficiency: (10 ms + 0.2 ms start-up) / 40 ms
        assertTrue(cp.reason().startsWith("efficiency 26 %"), cp.reason());
        assertEquals(0.2, cp.startupMs(), 1e-9);
    }

    @Test
    void noisyPointWhoseIntervalReachesGoodEfficiencyIsNotACollapse() {
        // Mean 25 ms (40 %), but the CI reaches 15 ms (67 %): noise cannot be told from a collapse.
        CollapsePoint cp = detect(List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 25, 15, 35),
                ok("m", "sleep", 100, 11, 10.5, 11.5)));
        assertFalse(cp.collapsed(), cp.toString());
        assertEquals(100, cp.lastGood());
        assertEquals(List.of(10L), cp.inconclusive(), "nor shown to hold: 10.2 / 35 = 29 % at the pessimistic end");
    }

    @Test
    void aCountIsGoodOnlyWhenEvenThePessimisticEndMeetsTheThreshold() {
        // N = 10: (10 ms ideal + 0.2 ms start-up) / 22 ms = 46.4 % at the pessimistic end, / 18 ms = 56.7 % at the
        // optimistic end: the interval straddles 50 %. The old rule called it good ("holds to 10").
        CollapsePoint cp = detect(List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 20, 18, 22)));
        assertFalse(cp.collapsed(), cp.toString());
        assertEquals(1, cp.lastGood());
        assertEquals(List.of(10L), cp.inconclusive());
        // 10.2 / 20.4 = 50 % exactly at the pessimistic end: good.
        assertEquals(10, detect(List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 20, 19.6, 20.4)))
                .lastGood());
    }

    @Test
    void aLaterInconclusiveCountDoesNotCancelACollapseButAGoodOneDoes() {
        // N = 100: 10.2 / 38 = 26.8 % at best: bad. N = 1000 at 20 (18–22) ms: 46.4–56.7 %, inconclusive;
        // at 11 (10.5–11.5) ms: 88.7 % even at worst, good.
        List<PointResult> collapse = List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 11, 10.8, 11.2),
                ok("m", "sleep", 100, 40, 38, 42));
        List<PointResult> inconclusiveAfter = new java.util.ArrayList<>(collapse);
        inconclusiveAfter.add(ok("m", "sleep", 1000, 20, 18, 22));
        CollapsePoint stands = detect(inconclusiveAfter);
        assertTrue(stands.collapsed(), stands.toString());
        assertEquals(10, stands.lastGood());
        assertEquals(100, stands.firstBad());
        assertEquals(List.of(1000L), stands.inconclusive());
        assertTrue(ReportModel.sentence(stands, List.of()).startsWith("m holds up to 10 tasks and collapses at 100 — "
                + "efficiency 26 % (at best 27 %); inconclusive at 1k (the interval straddles the threshold)"),
                ReportModel.sentence(stands, List.of()));

        List<PointResult> goodAfter = new java.util.ArrayList<>(collapse);
        goodAfter.add(ok("m", "sleep", 1000, 11, 10.5, 11.5));
        CollapsePoint dip = detect(goodAfter);
        assertFalse(dip.collapsed(), dip.toString());
        assertEquals(1000, dip.lastGood());
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
    void startUpCostAtOneTaskIsReportedApartNotAsACollapse() {
        // A thread start of ~90 µs in front of a 10 µs spin: efficiency 10 % at N = 1 by the old rule.
        CollapsePoint cp = detect(List.of(ok("m", "spin", 1, 0.1, 0.09, 0.11),
                ok("m", "spin", 1000, 5.2, 5.1, 5.3))); // ideal 5 ms + 0.09 ms start-up
        assertFalse(cp.collapsed(), cp.toString());
        assertEquals(1000, cp.lastGood());
        assertEquals(0.09, cp.startupMs(), 1e-9);
    }

    @Test
    void aFixedStartUpCostDoesNotHidePerTaskOverhead() {
        // ~100 µs per task (thread-per-task platform threads on 10 µs spins): the start-up of N = 1 does not excuse it.
        CollapsePoint cp = detect(List.of(ok("m", "spin", 1, 0.1, 0.09, 0.11), ok("m", "spin", 10, 0.2, 0.18, 0.22),
                ok("m", "spin", 1000, 50, 48, 52)));
        assertTrue(cp.collapsed(), cp.toString());
        assertEquals(10, cp.lastGood());
        assertEquals(1000, cp.firstBad());
    }

    @Test
    void anIntervalReachingZeroIsInconclusiveNotACollapse() {
        // Mean 40 ms (25 %) but the interval runs from below zero: no best case, so no verdict.
        CollapsePoint cp = detect(List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 11, 10.8, 11.2),
                ok("m", "sleep", 100, 40, -5, 85)));
        assertFalse(cp.collapsed(), cp.toString());
        assertEquals(10, cp.lastGood());
        assertEquals(List.of(100L), cp.inconclusive());
        assertTrue(ReportModel.sentence(cp, List.of()).contains("inconclusive at 100"), ReportModel.sentence(cp, List.of()));
    }

    @Test
    void overBudgetAndSkippedAreNotMeasuredNeverACollapse() {
        CollapsePoint cp = detect(List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 11, 10.8, 11.2),
                Fixtures.notMeasured("m", "sleep", 100, dev.threadmark.results.PointStatus.OVER_BUDGET,
                        "estimated 17.0 s per operation (from 1.70 s at 10 tasks) exceeds the 10.0 s budget"),
                Fixtures.notMeasured("m", "sleep", 1000, dev.threadmark.results.PointStatus.SKIPPED, "x")));
        assertFalse(cp.collapsed(), cp.toString());
        assertEquals(10, cp.lastGood());
        assertEquals(100, cp.notMeasuredFrom());
        assertEquals("over budget from 100 (estimated 17.0 s)", Scorecard.notMeasured(cp));
    }

    @Test
    void aBadPointFollowedByAGoodOneIsADipNotACollapse() {
        CollapsePoint cp = detect(List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 40, 38, 42),
                ok("m", "sleep", 100, 11, 10.8, 11.2)));
        assertFalse(cp.collapsed(), cp.toString());
        assertEquals(100, cp.lastGood());
        CollapsePoint later = detect(List.of(ok("m", "sleep", 1, 10.2, 10.1, 10.3), ok("m", "sleep", 10, 40, 38, 42),
                ok("m", "sleep", 100, 11, 10.8, 11.2), ok("m", "sleep", 1000, 400, 390, 410)));
        assertEquals(100, later.lastGood(), "the bracket starts at the last good count before the final collapse");
        assertEquals(1000, later.firstBad());
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
