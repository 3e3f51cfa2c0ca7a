package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Synthetic baselines with known truth. Each rule of the gate has a test whose verdict changes
 * with that rule alone: the unit of comparison (forks, not iterations), pooling, the run-to-run
 * spread, and the Benjamini–Hochberg adjustment.
 */
class ComparisonTest {
    private final Comparison comparison = new Comparison(0.05, 0.10);

    /** One run's sample of a time-per-operation point: the given fork means, JMH's interval ±1 % around them. */
    private static Comparison.Sample run(double... forkMeans) {
        double mean = java.util.Arrays.stream(forkMeans).average().orElseThrow();
        return new Comparison.Sample("ms/op", true, forkMeans, true, false, mean * 0.99, mean * 1.01);
    }

    private static Comparison.Sample throughput(double... forkMeans) {
        Comparison.Sample s = run(forkMeans);
        return new Comparison.Sample("ops/ms", false, s.forkMeans(), true, false, s.ciLow(), s.ciHigh());
    }

    /** Runs of two forks each, centred on the given run means, forks ±0.5 % apart. */
    private static List<Comparison.Sample> runs(double... runMeans) {
        List<Comparison.Sample> runs = new ArrayList<>();
        for (double m : runMeans) {
            runs.add(run(m * 0.995, m * 1.005));
        }
        return runs;
    }

    private Comparison.Row one(List<Comparison.Sample> baseline, Comparison.Sample candidate) {
        return comparison.compare(Map.of("p", baseline), Map.of("p", candidate)).getFirst();
    }

    private static final List<Comparison.Sample> QUIET_WEEK = runs(99, 100, 101, 100.5, 99.5);

    @Test
    void thirtyPercentSlowdownAgainstAPooledWeekIsFlagged() {
        Comparison.Row r = one(QUIET_WEEK, run(130, 131));
        assertEquals(Comparison.Verdict.REGRESSED, r.verdict(), r.toString());
        assertEquals(10, r.oldSamples(), "two forks of five runs");
        assertEquals(5, r.oldRuns());
        assertEquals(2, r.newSamples());
        assertEquals(2.0 / 66, r.p(), 1e-12, "exact: the 2 candidates above all 10 of the baseline, 2 / C(12, 2)");
    }

    @Test
    void aBaselineRunThatDidNotMeasureThePointIsNotCountedAsOneOfItsRuns() {
        List<Comparison.Sample> week = new ArrayList<>(QUIET_WEEK);
        week.add(new Comparison.Sample("ms/op", true, new double[0], false, false, Double.NaN, Double.NaN));
        Comparison.Row r = one(week, run(130, 131));
        assertEquals(10, r.oldSamples());
        assertEquals(5, r.oldRuns(), "the over-budget night gave no sample: 10 forks over 5 runs, not 6");
    }

    @Test
    void throughputDropIsFlaggedAndRiseIsNot() {
        List<Comparison.Sample> week = new ArrayList<>();
        for (double m : new double[] {99, 100, 101, 100.5, 99.5}) {
            week.add(throughput(m * 0.995, m * 1.005));
        }
        assertEquals(Comparison.Verdict.REGRESSED, one(week, throughput(75, 76)).verdict());
        Comparison.Row rise = one(week, throughput(130, 131));
        assertEquals(Comparison.Verdict.IMPROVED, rise.verdict());
        assertFalse(Comparison.anyRegression(List.of(rise)));
    }

    @Test
    void smallButSignificantShiftIsNotARegression() {
        Comparison.Row r = one(QUIET_WEEK, run(104, 104.5));
        assertEquals(Comparison.Verdict.SLOWER, r.verdict(), "significant, but under the 10 % minimum effect");
    }

    @Test
    void theUnitIsTheForkNotTheIteration() {
        // One fork of ten iterations per run: ten iterations per side would give p ≈ 0.0002, but
        // they are one sample each, and 1 against 1 proves nothing.
        RunData before = oneForkRun("before", 100, 1);
        RunData after = oneForkRun("after", 130, 2);
        Comparison.Row r = comparison.compare(before, after).getFirst();
        assertEquals(1, r.oldSamples());
        assertEquals(1, r.newSamples());
        assertEquals(Comparison.Verdict.UNTESTABLE, r.verdict());
        assertTrue(comparison.untestable(List.of(r)).contains("1 with 1 baseline against 1 candidate samples (smallest p "
                + "1.000)"), comparison.untestable(List.of(r)));
        Comparison.Row tied = comparison.compare(before, before).getFirst();
        assertEquals(Comparison.Verdict.UNTESTABLE, tied.verdict(), "identical samples tie: still too few to test");
    }

    @Test
    void poolingTheWeekIsWhatMakesTheSlowdownTestable() {
        // The same candidate against one run of two forks: 2 against 2, smallest p 2 / C(4, 2) = 0.33.
        assertEquals(Comparison.Verdict.UNTESTABLE, one(QUIET_WEEK.subList(0, 1), run(130, 131)).verdict());
        assertEquals(Comparison.Verdict.REGRESSED, one(QUIET_WEEK, run(130, 131)).verdict());
    }

    @Test
    void aChangeInsideTheRunToRunSpreadIsNotARegression() {
        // Each run is tight (forks ±0.5 %, JMH's interval ±1 %), but the runs wander by ±15 % night
        // to night. A candidate 18 % over the median, inside that wander, is significant (its six
        // forks beat 9 of 10) yet no evidence of a code change; the same far beyond the wander is.
        List<Comparison.Sample> wandering = runs(85, 92, 100, 108, 118);
        Comparison.Row inside = one(wandering, run(117.5, 117.6, 117.7, 117.8, 117.9, 118));
        assertTrue(inside.q() < 0.05, inside.toString());
        assertTrue(inside.delta() >= 0.10, inside.toString());
        assertEquals(Comparison.Verdict.SLOWER, inside.verdict(), "vetoed by the spread alone");
        // median 100, MAD 8: 100 ± 3 × 1.4826 × 8, not the median run's JMH interval [99, 101]
        assertEquals(100 - 3 * 1.4826 * 8, inside.spreadLow(), 1e-9);
        assertEquals(100 + 3 * 1.4826 * 8, inside.spreadHigh(), 1e-9);
        Comparison.Row beyond = one(wandering, run(140, 140.2, 140.4, 140.6, 140.8, 141));
        assertEquals(Comparison.Verdict.REGRESSED, beyond.verdict(), beyond.toString());
    }

    @Test
    void oneBadNightInTheBaselineNeitherHidesASlowdownNorFlagsANormalNight() {
        List<Comparison.Sample> week = runs(100, 100.5, 150, 99.5, 100);
        assertEquals(Comparison.Verdict.SAME, one(week, run(100.8, 101.2)).verdict());
        Comparison.Row slower = one(week, run(125, 125.1, 125.2, 125.3, 125.4, 125.5, 125.6, 125.7, 125.8));
        assertEquals(Comparison.Verdict.REGRESSED, slower.verdict(), slower.toString());
    }

    @Test
    void oneRunOfSeveralForksTakesItsSpreadFromTheForks() {
        double[] spread = Comparison.spread(List.of(run(90, 100, 110)));
        assertEquals(90, spread[0]);
        assertEquals(110, spread[1]);
        spread = Comparison.spread(List.of(run(100)));
        assertEquals(99, spread[0], 1e-9, "one fork: JMH's interval is all there is");
    }

    @Test
    void aHundredPointsDoNotRaiseFalseAlarmsByDesign() {
        // Alone, 2 candidate forks above all 10 of the baseline (p = 0.030) is a regression. Among
        // 100 points it is what one would expect by chance once in 33 points, and BH says so; six
        // forks above all ten (p = 2 / C(16, 6) = 0.00025) survive the adjustment.
        assertEquals(Comparison.Verdict.REGRESSED, one(QUIET_WEEK, run(130, 131)).verdict());
        Map<String, List<Comparison.Sample>> baseline = new LinkedHashMap<>();
        Map<String, Comparison.Sample> candidate = new LinkedHashMap<>();
        Random random = new Random(12);
        for (int i = 0; i < 98; i++) {
            baseline.put("noise" + i, QUIET_WEEK);
            candidate.put("noise" + i, run(99 + 2 * random.nextDouble(), 99 + 2 * random.nextDouble()));
        }
        baseline.put("two-forks", QUIET_WEEK);
        candidate.put("two-forks", run(130, 131));
        baseline.put("six-forks", QUIET_WEEK);
        candidate.put("six-forks", run(130, 130.2, 130.4, 130.6, 130.8, 131));
        Map<String, Comparison.Verdict> verdicts = new LinkedHashMap<>();
        comparison.compare(baseline, candidate).forEach(r -> verdicts.put(r.name(), r.verdict()));
        assertEquals(Comparison.Verdict.SAME, verdicts.get("two-forks"), "q = 0.030 × 99 / 2 > 0.05");
        assertEquals(Comparison.Verdict.REGRESSED, verdicts.get("six-forks"));
        assertEquals(1, verdicts.values().stream().filter(Comparison.Verdict::regression).count(), verdicts.toString());
    }

    @Test
    void benjaminiHochbergMatchesR() {
        // p.adjust(c(0.01, 0.04, 0.03, 0.005, NA), "BH") = 0.02, 0.04, 0.04, 0.02, NA
        double[] q = BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005, Double.NaN});
        assertEquals(0.02, q[0], 1e-12);
        assertEquals(0.04, q[1], 1e-12);
        assertEquals(0.04, q[2], 1e-12);
        assertEquals(0.02, q[3], 1e-12);
        assertTrue(Double.isNaN(q[4]));
    }

    @Test
    void mannWhitneyIsExactWithoutTiesAndCorrectedWithThem() {
        // R: wilcox.test(1:5, 6:10)$p.value = 2 / choose(10, 5) = 0.007937 (exact)
        assertEquals(2.0 / 252, one(List.of(run(1, 2, 3, 4, 5)), run(6, 7, 8, 9, 10)).p(), 1e-12);
        // R: wilcox.test(c(1, 2, 3, 4, 5), c(5, 6, 7, 8, 9), exact = FALSE, correct = TRUE)$p.value = 0.01597
        // (a tie at 5: normal approximation with tie and continuity correction)
        assertEquals(0.01597, one(List.of(run(1, 2, 3, 4, 5)), run(5, 6, 7, 8, 9)).p(), 1e-5);
    }

    @Test
    void newlyFailingPointIsARegression() {
        Comparison.Sample failed = new Comparison.Sample("ms/op", true, new double[0], false, true, Double.NaN, Double.NaN);
        Comparison.Row r = one(QUIET_WEEK, failed);
        assertEquals(Comparison.Verdict.NEWLY_FAILING, r.verdict());
        assertTrue(Comparison.anyRegression(List.of(r)));
    }

    @Test
    void pointNoLongerRunIsReportedNotJudged() {
        Comparison.Sample skipped = new Comparison.Sample("ms/op", true, new double[0], false, false, Double.NaN,
                Double.NaN);
        Comparison.Row r = one(QUIET_WEEK, skipped);
        assertEquals(Comparison.Verdict.NOW_NOT_MEASURED, r.verdict());
        assertFalse(Comparison.anyRegression(List.of(r)));
    }

    @Test
    void outputLooksLikeBenchstatAndSaysHowManySamples() {
        List<Comparison.Row> rows = comparison.compare(Map.of("virtual/sleep/1000", QUIET_WEEK),
                Map.of("virtual/sleep/1000", run(100, 100.2)));
        String text = Comparison.format(rows, false);
        assertTrue(text.contains("virtual/sleep/1000") && text.contains(" ~ ") && text.contains("geomean")
                && text.contains(" 10/5 ") && text.contains(" q "), text);
        String md = Comparison.format(List.of(one(QUIET_WEEK, run(130, 131)).since("20260101-aaa")), true);
        assertTrue(md.startsWith("| point | old | n | new | n | delta | p | q | verdict |"), md);
        assertTrue(md.contains("**regressed since 20260101-aaa**"), md);
    }

    /** A run of one point measured in one fork of ten iterations, ±2 % around {@code center}. */
    private static RunData oneForkRun(String id, double center, long seed) {
        Random r = new Random(seed);
        List<Double> iterations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            iterations.add(center * (1 + 0.02 * (2 * r.nextDouble() - 1)));
        }
        double mean = iterations.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        PointResult p = Fixtures.ok("virtual", "sleep", 1000, mean, mean * 0.99, mean * 1.01);
        List<JmhResult> jmh = List.of(new JmhResult("dev.threadmark.harness.SweepBenchmark.fanOutAndJoin",
                Map.of("model", "virtual", "workload", "sleep", "tasks", "1000"), "avgt", mean, 0.1, "ms/op",
                List.of(iterations), List.of(), Map.of()));
        assertEquals(PointStatus.OK, p.status());
        return new RunData(id, Fixtures.META, List.of(p), List.of(), new TreeMap<>(), jmh, 0);
    }
}
