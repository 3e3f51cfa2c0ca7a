package dev.threadmark.report;

import static dev.threadmark.report.Fixtures.failed;
import static dev.threadmark.report.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixedAndBlockingSectionTest {
    private final CollapseDetector detector = new CollapseDetector(0.5);

    /**
     * 100 tasks of 10 ms on 2 cores. Ideal times by share: 0 % 10 ms, 1 % 14.9, 5 % 34.5, 10 % 59,
     * 25 % 132.5, 50 % 255, 100 % 500; serial time 1 s. virtual stays close to ideal; platform is
     * at 43 % of ideal already at 5 % CPU and fails at 100 %.
     */
    static List<PointResult> blends() {
        int[] shares = {0, 1, 5, 10, 25, 50, 100};
        double[] virtual = {11, 16, 36, 60, 135, 260, 505};
        double[] platform = {12, 18, 80, 120, 300, 600};
        List<PointResult> points = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            points.add(ok("virtual", "mixed-" + shares[i], 100, virtual[i], virtual[i] * 0.98, virtual[i] * 1.02));
            points.add(i < platform.length
                    ? ok("platform", "mixed-" + shares[i], 100, platform[i], platform[i] * 0.98, platform[i] * 1.02)
                    : failed("platform", "mixed-" + shares[i], 100, "CapacityExceededException: no more threads"));
        }
        return points;
    }

    @Test
    void idealOfABlendIsItsCpuPartsOnEveryCorePlusTheLastWait() {
        RunData run = Fixtures.run(blends());
        assertEquals(10, Ideal.ms("mixed-0", 100, run), 1e-9);
        assertEquals(132.5, Ideal.ms("mixed-25", 100, run), 1e-9);
        assertEquals(500, Ideal.ms("mixed-100", 100, run), 1e-9);
        assertEquals(10, Ideal.ms("mixed-100", 1, run), 1e-9, "one task alone is one task's length");
    }

    @Test
    void speedupFallsWithTheShareAndEachModelIsJudgedByTheCollapseRule() {
        RunData run = Fixtures.run(blends());
        Map<String, List<MixedSection.Blend>> blends = MixedSection.blends(run);
        assertEquals(List.of("platform", "virtual"), List.copyOf(blends.keySet()), "palette order");
        List<MixedSection.Blend> virtual = blends.get("virtual");
        assertEquals(List.of(0, 1, 5, 10, 25, 50, 100), virtual.stream().map(MixedSection.Blend::share).toList());
        assertEquals(1000 / 11.0, virtual.getFirst().speedup(), 1e-9);
        assertEquals(100, virtual.getFirst().idealSpeedup(), 1e-9);
        assertEquals(2, virtual.getLast().idealSpeedup(), 1e-9);
        assertTrue(MixedSection.firstBelow(virtual, detector).isEmpty());
        assertEquals(5, MixedSection.firstBelow(blends.get("platform"), detector).orElseThrow().share());

        // platform at 10 %: 120 (117.6–122.4) ms against the ideal 59 ms: 48.2–50.2 % of it, inconclusive
        String platform = MixedSection.modelSentence("platform", blends.get("platform"), detector);
        assertTrue(platform.contains("0 %: 83.3×") && platform.contains("100 %: failed")
                && platform.endsWith("falls below 50 % of the ideal speedup at 5 % CPU; inconclusive at 10 % CPU"),
                platform);
        assertTrue(MixedSection.modelSentence("virtual", virtual, detector).endsWith("at every share"));
        assertEquals("mixed CPU and waiting, 100 tasks: platform falls below the threshold at 5 % CPU, inconclusive "
                + "at 10 % CPU; virtual keeps its gains at every CPU share.", MixedSection.headline(blends, detector));
        String lead = MixedSection.sentence(run, blends);
        assertTrue(lead.contains("Each of 100 tasks lasts 10 ms") && lead.contains("100× faster than one by one at 0 %")
                && lead.contains("only 2× at 100 %"), lead);
    }

    @Test
    void theSentencesNameTheSharesThatWereNotMeasuredOrInconclusive() {
        List<PointResult> points = new ArrayList<>();
        for (PointResult p : blends()) {
            int share = Integer.parseInt(p.point().workload().substring("mixed-".length()));
            if (!p.point().model().equals("virtual")) {
                continue;
            }
            points.add(switch (share) {
                // the ideal at 25 % is 132.5 ms: 132.5 / 300 = 44 % at worst, 132.5 / 200 = 66 % at best
                case 25 -> ok("virtual", "mixed-25", 100, 250, 200, 300);
                case 100 -> Fixtures.notMeasured("virtual", "mixed-100", 100, PointStatus.OVER_BUDGET, "estimated 2 s");
                default -> p;
            });
        }
        Map<String, List<MixedSection.Blend>> blends = MixedSection.blends(Fixtures.run(points));
        assertEquals("virtual — 0 %: 90.9×, 1 %: 62.5×, 5 %: 27.8×, 10 %: 16.7×, 25 %: 4×, 50 %: 3.85×, 100 %: over "
                + "budget; keeps at least 50 % of the ideal at 0, 1, 5, 10, 50 % CPU; inconclusive at 25 % CPU; "
                + "not measured at 100 % CPU", MixedSection.modelSentence("virtual", blends.get("virtual"), detector));
        assertEquals("mixed CPU and waiting, 100 tasks: virtual keeps its gains at 0, 1, 5, 10, 50 % CPU, inconclusive "
                + "at 25 % CPU, not measured at 100 % CPU.", MixedSection.headline(blends, detector));
    }

    @Test
    void speedupChartHasEverySeriesTheIdealAndTheShares() {
        RunData run = Fixtures.run(blends());
        String svg = ChartRenderer.speedupChart("t", MixedSection.blends(run), detector);
        assertTrue(svg.startsWith("<svg") && svg.contains("CPU share of each task") && svg.contains("25 %")
                && svg.contains("ideal") && svg.contains("virtual") && svg.contains("platform"), svg.substring(0, 200));
        assertTrue(MixedSection.view(Fixtures.run(Fixtures.sweep()), detector, "t").isEmpty(), "no blends, no section");
    }

    @Test
    void blockingSentenceComparesModelsAtTheLargestCountAllMeasured() {
        Map<String, List<PointResult>> blocking = ReportModel.group(List.of(
                ok("virtual", "blocking-sleep", 10, 10.4, 10.3, 10.5), ok("virtual", "blocking-sleep", 100, 10.8, 10.6, 11),
                ok("virtual", "blocking-sleep", 1000, 12, 11.5, 12.5),
                ok("user", "blocking-sleep", 10, 51, 50, 52), ok("user", "blocking-sleep", 100, 510, 500, 520),
                failed("user", "blocking-sleep", 1000, "over budget"))).get("blocking-sleep");
        Map<String, List<PointResult>> sleep = ReportModel.group(List.of(ok("virtual", "sleep", 100, 10.8, 10.6, 11),
                ok("user", "sleep", 100, 10.2, 10.1, 10.3))).get("sleep");
        String s = BlockingSection.sentence(blocking, sleep, Fixtures.run(List.of()));
        // Fixtures.ok: n = 5, so SE = h / t_{0.9995, 4} = h / 8.6103. virtual: 10.8 ± 0.2 over 10.8 ± 0.2, SE 0.023228
        // each, ν = 8, t = 2.3060, g = 0.000025, spread = 2.3060 · sqrt(2 · 0.023228²) / 10.8 = 0.0070:
        // 0.993–1.007. user: 510 ± 10 over 10.2 ± 0.1, SE 1.1614 and 0.011614, R = 50, ν = 5.882, t = 2.4588,
        // spread = 2.4588 · sqrt(1.1614² + 50² · 0.011614²) / 10.2 = 0.31301: 49.687–50.313.
        assertTrue(s.startsWith("With 100 tasks calling Thread.sleep directly, virtual takes 10.8 ms (1.08 sleeps, "
                + "1× (95 % within-run CI 0.993–1.01×) its time with the runtime's own sleep), user takes 510 ms (51 "
                + "sleeps, 50× (95 % within-run CI 49.7–50.3×)"), s);
        assertTrue(s.contains("only 2 sleeps overlap at a time"), s);
        assertEquals(500, Ideal.heldCarriersMs("blocking-sleep", 100, Fixtures.run(List.of())), 1e-9);
        assertTrue(Double.isNaN(Ideal.heldCarriersMs("sleep", 100, Fixtures.run(List.of()))));
        assertFalse(BlockingSection.commonCount(ReportModel.group(List.of(failed("user", "blocking-sleep", 1, "x"),
                ok("virtual", "blocking-sleep", 1, 10, 10, 10))).get("blocking-sleep")).isPresent());
    }
}
