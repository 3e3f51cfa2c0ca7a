package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.History;
import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RatioTest {

    private static SampleMean mean(double score, double halfWidth, long samples) {
        return SampleMean.of(score, halfWidth, samples).orElseThrow();
    }

    @Test
    void jmhsHalfWidthIsTurnedBackIntoAStandardError() {
        // t_{0.9995, 19} = 3.8834 (table): SE = 10 / 3.8834 = 2.5751; t_{0.9995, 4} = 8.6103: SE = 20 / 8.6103 = 2.3228
        assertEquals(2.5751, mean(100, 10, 20).standardError(), 1e-4);
        assertEquals(19, mean(100, 10, 20).df());
        assertEquals(2.3228, mean(200, 20, 5).standardError(), 1e-4);
        assertTrue(SampleMean.of(100, 10, 1).isEmpty(), "one sample has no standard error");
        assertTrue(SampleMean.of(100, Double.NaN, 20).isEmpty());
    }

    @Test
    void fiellersIntervalAt95PercentFromStandardErrorsWithOneWelchDegreesOfFreedom() {
        // a = 100 ± 10 over n = 20, b = 200 ± 20 over n = 5 (JMH's 99.9 % half-widths).
        // SE_a = 2.5751, SE_b = 2.3228 (above); R = 0.5; SE_a² = 6.6309; R² SE_b² = 0.25 · 5.3954 = 1.3489.
        // ν = (6.6309 + 1.3489)² / (6.6309² / 19 + 1.3489² / 4) = 63.677 / (2.3142 + 0.4549) = 22.996
        // t_{0.975, 22.996} = 2.0687; g = (2.0687 · 2.3228 / 200)² = 0.000577
        // spread = 2.0687 · sqrt(6.6309 · 0.999423 + 1.3489) / 200 = 2.0687 · 2.8242 / 200 = 0.029211
        // interval = (0.5 ∓ 0.029211) / 0.999423 = 0.47106 – 0.52952
        Ratio r = Ratio.of(mean(100, 10, 20), mean(200, 20, 5));
        assertEquals(0.5, r.value(), 1e-12);
        assertEquals(0.47106, r.low(), 1e-5);
        assertEquals(0.52952, r.high(), 1e-5);
        assertTrue(r.distinguishable());
        assertEquals("0.5× (95 % within-run CI 0.471–0.53×)", r.format());
        // Taking the half-widths as t·SE (as before) gave g = 0.01, spread = sqrt(100 · 0.99 + 0.25 · 400) / 200
        // = 0.070534 and the interval 0.4338–0.5763 (99.9 % only where both sides have the same n), which the bounds
        // above exclude.
    }

    @Test
    void eachSideKeepsItsOwnSampleCount() {
        // The same half-widths with the sample counts swapped: SE_a = 10 / 8.6103 = 1.1614, SE_b = 20 / 3.8834 = 5.1501;
        // SE_a² = 1.3489, R² SE_b² = 0.25 · 26.524 = 6.6309: ν = 22.996 as before, t = 2.0687;
        // g = (2.0687 · 5.1501 / 200)² = 0.002838; spread = 2.0687 · sqrt(1.3489 · 0.997162 + 6.6309) / 200 = 0.029211;
        // interval = (0.5 ∓ 0.029211) / 0.997162 = 0.47213 – 0.53072. One t for both sides could not tell them apart.
        Ratio swapped = Ratio.of(mean(100, 10, 5), mean(200, 20, 20));
        assertEquals(0.47213, swapped.low(), 1e-5);
        assertEquals(0.53072, swapped.high(), 1e-5);
    }

    @Test
    void aDenominatorWhoseIntervalReachesZeroGivesNoBound() {
        // The case at 95 %: user 154 ± 20 ms against virtual 1274 ± 3000 ms, n = 10 each:
        // SE_b = 3000 / t_{0.9995, 9} = 3000 / 4.7809 = 627.50; ν = 9.055, t = 2.2601; g = (2.2601 · 627.50 / 1274)² = 1.239 ≥ 1.
        Ratio none = Ratio.of(row("user", 154, 20, 10), row("virtual", 1274, 3000, 10));
        assertFalse(none.bounded());
        assertFalse(none.distinguishable());
        assertEquals("0.121× (95 % within-run CI unbounded: the denominator's interval reaches zero)", none.format());
    }

    @Test
    void withoutAnErrorOrTwoSamplesThereIsNoIntervalAndTheReportSaysSo() {
        Ratio noError = Ratio.of(row("user", 1, Double.NaN, 10), row("virtual", 2, 0.1, 10));
        assertFalse(noError.bounded());
        Ratio oneSample = Ratio.of(row("user", 1, 0.1, 1), row("virtual", 2, 0.1, 10));
        assertFalse(oneSample.bounded());
        assertTrue(oneSample.format().endsWith("CI unbounded: a score has no JMH error over two or more samples)"),
                oneSample.format());
    }

    @Test
    void theBetweenRunRangeAppearsWithThreeOtherRunsAndNotWithTwo() {
        PointResult user = row("user", 154, 20, 10);
        PointResult virtual = row("virtual", 600, 50, 10);
        // Per-run ratios user / virtual: 150 / 600 = 0.25, 160 / 500 = 0.32, 140 / 700 = 0.2.
        List<History.Row> history = new ArrayList<>();
        addRun(history, "n1", 150, 600, "");
        addRun(history, "n2", 160, 500, "");
        addRun(history, "this-run", 10, 1000, ""); // the run reported: not another run
        addRun(history, "busy", 10, 1000, "other processes used 47 % of the CPU"); // untrusted: not counted
        assertEquals("0.257× (95 % within-run CI 0.239–0.275×)", Ratio.of(run(history), user, virtual).format(),
                "two other runs: nothing beside the within-run interval");
        addRun(history, "n3", 140, 700, "");
        assertEquals("0.257× (95 % within-run CI 0.239–0.275×; between-run range 0.2–0.32× over 3 other runs)",
                Ratio.of(run(history), user, virtual).format());
    }

    @Test
    void theBlockingSentenceShowsTheRangeBesideItsRatio() {
        PointResult blocking = Fixtures.ok("user", "blocking-sleep", 100, 510, 500, 520);
        PointResult sleep = Fixtures.ok("user", "sleep", 100, 10.2, 10.1, 10.3);
        List<History.Row> history = new ArrayList<>();
        for (String id : List.of("n1", "n2", "n3")) {
            history.add(historyRow(id, blocking.point(), id.equals("n2") ? 530 : 500, ""));
            history.add(historyRow(id, sleep.point(), 10, ""));
        }
        RunData run = new RunData("this-run", Fixtures.META, List.of(blocking, sleep), List.of(), new TreeMap<>(),
                List.of(), 0, history);
        String s = BlockingSection.sentence(Map.of("user", List.of(blocking)), Map.of("user", List.of(sleep)), run);
        // 500 / 10 = 50, 530 / 10 = 53
        assertTrue(s.contains("user takes 510 ms (51 sleeps, 50× (95 % within-run CI 49.7–50.3×; between-run range "
                + "50–53× over 3 other runs) its time with the runtime's own sleep)"), s);
    }

    /** A runtime-stage row with JMH's score, 99.9 % half-width and sample count. */
    private static PointResult row(String model, double score, double halfWidth, long samples) {
        return new PointResult(new Point("noop", model, 1_000_000), Fixtures.PARAMS, score, halfWidth,
                score - halfWidth, score + halfWidth, "ms/op", samples, PointStatus.OK, "");
    }

    private static RunData run(List<History.Row> history) {
        return new RunData("this-run", Fixtures.META, List.of(), List.of(), new TreeMap<>(), List.of(), 0, history);
    }

    private static void addRun(List<History.Row> history, String runId, double user, double virtual, String trust) {
        history.add(historyRow(runId, new Point("noop", "user", 1_000_000), user, trust));
        history.add(historyRow(runId, new Point("noop", "virtual", 1_000_000), virtual, trust));
    }

    private static History.Row historyRow(String runId, Point p, double score, String trust) {
        return new History.Row(runId, "2026-11-25", "abc1234", "25.0.3", "host", p.model(), p.workload(), p.tasks(),
                10, 5000, 200, 2, score, score * 0.02, score * 0.98, score * 1.02, "ms/op", "OK", "", Double.NaN, trust);
    }
}
