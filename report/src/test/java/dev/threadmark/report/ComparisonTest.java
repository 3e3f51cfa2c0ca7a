package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.harness.PointResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Synthetic histories with known truth: the gate must flag what changed and only that. */
class ComparisonTest {
    private final Comparison comparison = new Comparison(0.05, 0.10);

    /** A run with one point whose 10 iterations are {@code center} × (1 ± noise), seeded. */
    private static RunData run(String unit, double center, double noise, long seed, boolean measured) {
        Random r = new Random(seed);
        List<Double> iterations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            iterations.add(center * (1 + noise * (2 * r.nextDouble() - 1)));
        }
        double mean = iterations.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        PointResult p = measured ? Fixtures.ok("virtual", "sleep", 1000, mean, mean * 0.99, mean * 1.01)
                : Fixtures.failed("virtual", "sleep", 1000, "OutOfMemoryError");
        p = new PointResult(p.point(), p.parameters(), p.score(), p.error(), p.ciLow(), p.ciHigh(), unit, p.samples(),
                p.status(), p.reason());
        List<JmhResult> jmh = measured ? List.of(new JmhResult("dev.threadmark.harness.SweepBenchmark.fanOutAndJoin",
                Map.of("model", "virtual", "workload", "sleep", "tasks", "1000"), "avgt", mean, 0.1, unit, iterations,
                2, List.of(), Map.of())) : List.of();
        return new RunData("r" + seed, Fixtures.META, List.of(p), List.of(), new TreeMap<>(), jmh, 0);
    }

    @RepeatedTest(5)
    void twentyPercentSlowdownWithLowNoiseIsFlagged(org.junit.jupiter.api.RepetitionInfo rep) {
        List<Comparison.Row> rows = comparison.compare(run("ms/op", 100, 0.02, rep.getCurrentRepetition(), true),
                run("ms/op", 120, 0.02, 100 + rep.getCurrentRepetition(), true));
        assertEquals(Comparison.Verdict.REGRESSED, rows.getFirst().verdict(), rows.toString());
        assertTrue(Comparison.anyRegression(rows));
    }

    @RepeatedTest(5)
    void fivePercentNoiseIsNotFlagged(org.junit.jupiter.api.RepetitionInfo rep) {
        List<Comparison.Row> rows = comparison.compare(run("ms/op", 100, 0.05, rep.getCurrentRepetition(), true),
                run("ms/op", 100, 0.05, 100 + rep.getCurrentRepetition(), true));
        assertFalse(Comparison.anyRegression(rows), rows.toString());
    }

    @Test
    void throughputDropIsFlaggedAndRiseIsNot() {
        List<Comparison.Row> drop = comparison.compare(run("ops/ms", 100, 0.02, 1, true), run("ops/ms", 75, 0.02, 2, true));
        assertEquals(Comparison.Verdict.REGRESSED, drop.getFirst().verdict());
        List<Comparison.Row> rise = comparison.compare(run("ops/ms", 100, 0.02, 1, true), run("ops/ms", 130, 0.02, 2, true));
        assertEquals(Comparison.Verdict.IMPROVED, rise.getFirst().verdict());
        assertFalse(Comparison.anyRegression(rise));
    }

    @Test
    void smallButSignificantShiftIsNotARegression() {
        List<Comparison.Row> rows = comparison.compare(run("ms/op", 100, 0.005, 1, true), run("ms/op", 104, 0.005, 2, true));
        assertEquals(Comparison.Verdict.SLOWER, rows.getFirst().verdict(), "significant, but under the 10 % minimum effect");
        assertFalse(Comparison.anyRegression(rows));
    }

    @Test
    void newlyFailingPointIsARegression() {
        List<Comparison.Row> rows = comparison.compare(run("ms/op", 100, 0.02, 1, true), run("ms/op", 0, 0, 2, false));
        assertEquals(Comparison.Verdict.NEWLY_FAILING, rows.getFirst().verdict());
        assertTrue(Comparison.anyRegression(rows));
    }

    @Test
    void pointNoLongerRunIsReportedNotJudged() {
        RunData candidate = run("ms/op", 0, 0, 2, false);
        PointResult skipped = new PointResult(candidate.points().getFirst().point(), Fixtures.PARAMS, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, "ms/op", 0, dev.threadmark.harness.PointStatus.OVER_BUDGET,
                "estimated 3 s");
        candidate = new RunData("c", Fixtures.META, List.of(skipped), List.of(), new TreeMap<>(), List.of(), 0);
        List<Comparison.Row> rows = comparison.compare(run("ms/op", 100, 0.02, 1, true), candidate);
        assertEquals(Comparison.Verdict.NOW_NOT_MEASURED, rows.getFirst().verdict());
        assertFalse(Comparison.anyRegression(rows));
    }

    @Test
    void outputLooksLikeBenchstat() {
        List<Comparison.Row> rows = comparison.compare(run("ms/op", 100, 0.02, 1, true), run("ms/op", 100, 0.02, 2, true));
        String text = Comparison.format(rows, false);
        assertTrue(text.contains("virtual/sleep/1000") && text.contains(" ~ ") && text.contains("geomean"), text);
        String md = Comparison.format(rows, true);
        assertTrue(md.startsWith("| point | old | new | delta | p | verdict |"), md);
    }

    @Test
    void mannWhitneyMatchesR() {
        // U = 0, mean 12.5, sd = sqrt(25 * 11 / 12) = 4.787, z = (12.5 - 0.5) / 4.787 = 2.507, p = 2 (1 - Φ(z))
        // = 0.01219, as R's wilcox.test(1:5, 6:10, exact = FALSE, correct = TRUE)
        assertEquals(0.01219, MannWhitney.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}), 2e-4);
        // identical samples: no evidence at all
        assertEquals(1.0, MannWhitney.pValue(new double[] {1, 1, 1}, new double[] {1, 1, 1}));
    }
}
