package dev.threadmark.report;

import static dev.threadmark.report.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.GcFigures;
import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.RunParameters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorecardTest {

    @Test
    void estimatesAreToldApartFromMeasuredCollapses() {
        Scorecard card = new Scorecard();
        card.add("sleep", new CollapsePoint("platform-pool", "sleep", 10_000, 0, "", 1_000_000,
                "over budget: estimated 51.2 s per operation (from 5.12 s at 100k tasks) exceeds the 10.0 s budget",
                List.of(), 0.1));
        card.add("sleep", new CollapsePoint("platform", "sleep", 100, 1000, "efficiency 20 %", 0, "", List.of(), 0.2));
        card.add("sleep", new CollapsePoint("virtual", "sleep", 1_000_000, 0, "", 0, "", List.of(), 0.05));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) card.view().get("rows");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> cells = (List<Map<String, String>>) rows.getFirst().get("cells");
        assertEquals(List.of("collapsed", "estimated", "holds"), cells.stream().map(c -> c.get("kind")).toList());
        assertEquals("collapses at 1k", cells.get(0).get("text"));
        assertEquals("holds to 10k", cells.get(1).get("text"));
        assertTrue(cells.get(1).get("note").startsWith("over budget from 1M (estimated 51.2 s)"), cells.get(1).get("note"));
        assertEquals("holds to 1M", cells.get(2).get("text"));
    }

    @Test
    void theSpinIdealUsesWhatATaskTookInTheForkNotTheTarget() {
        Map<String, String> meta = new HashMap<>(Fixtures.META);
        RunData calibratedOnly = new RunData("r", meta, List.of(), List.of());
        meta.put("workload.spin.task.ns", "12500.0"); // 10 µs target, 12.5 µs with every core busy
        RunData checked = new RunData("r", meta, List.of(), List.of());
        assertEquals(5.0, Ideal.ms("spin", 1000, calibratedOnly), 1e-9);
        assertEquals(6.25, Ideal.ms("spin", 1000, checked), 1e-9);
        assertEquals(1.25, checked.cpuScale(), 1e-12);
    }

    @Test
    void aCellWithAnInconclusiveCountIsAmberNeverGreen() {
        Scorecard card = new Scorecard();
        card.add("sleep", new CollapsePoint("virtual", "sleep", 1_000_000, 0, "", 0, "", List.of(100_000L), 0.05));
        card.add("sleep", new CollapsePoint("user", "sleep", 1_000_000, 0, "", 0, "", List.of(), 0.05));
        card.add("sleep", new CollapsePoint("platform", "sleep", 100, 1000, "efficiency 20 %", 0, "",
                List.of(100_000L), 0.2));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) card.view().get("rows");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> cells = (List<Map<String, String>>) rows.getFirst().get("cells");
        assertEquals(List.of("collapsed", "inconclusive", "holds"), cells.stream().map(c -> c.get("kind")).toList(),
                "platform, virtual, user: a measured collapse stays red; an inconclusive count turns a hold amber");
        assertEquals("holds to 1M", cells.get(1).get("text"));
        assertEquals("inconclusive at 100k; start-up 50.0 µs", cells.get(1).get("note"));
        assertEquals(Palette.AMBER, Palette.verdictColours().get("inconclusive"));
        assertEquals(Palette.AMBER, Palette.verdictColours().get("estimated"));
        assertEquals(Palette.HOLDS, Palette.verdictColours().get("holds"));
    }

    @Test
    void aRuntimeRatioWhoseIntervalContainsOneIsNotAWin() {
        // user 154 ± 20 ms against virtual 180 ± 150 ms, n = 10 each: SE = h / t_{0.9995, 9} = h / 4.7809, so 4.1833
        // and 31.375; R = 0.85556; ν = 9.437, t = 2.2463; g = (2.2463 · 31.375 / 180)² = 0.15330;
        // spread = 2.2463 · sqrt(4.1833² · 0.8467 + 0.85556² · 31.375²) / 180 = 0.33841;
        // interval = (0.85556 ∓ 0.33841) / 0.8467 = 0.611–1.41: contains 1.
        RunParameters params = new RunParameters(10, 1, 1, 2);
        PointResult user = new PointResult(new Point("noop", "user", 1_000_000), params, 154, 20, 134, 174, "ms/op",
                10, PointStatus.OK, "");
        PointResult virtual = new PointResult(new Point("noop", "virtual", 1_000_000), params, 180, 150, 30, 330,
                "ms/op", 10, PointStatus.OK, "");
        RunData run = new RunData("r", Fixtures.META, List.of(), List.of(user, virtual));
        String text = RuntimeSection.sentences(run).getFirst();
        assertTrue(text.contains("not distinguishable") && text.contains("0.856× (95 % within-run CI 0.611–1.41×)"), text);
        // against 600 ± 50 ms: SE 10.458, ν = 15.337, t = 2.1274, g = 0.001375, spread = 0.01761:
        // (0.25667 ∓ 0.01761) / 0.998625 = 0.239–0.275
        PointResult fastVirtual = new PointResult(virtual.point(), params, 600, 50, 550, 650, "ms/op", 10,
                PointStatus.OK, "");
        String win = RuntimeSection.sentences(new RunData("r", Fixtures.META, List.of(), List.of(user, fastVirtual)))
                .getFirst();
        assertEquals("Starting and joining a million no-op tasks on user threads costs 0.257× (95 % within-run CI "
                + "0.239–0.275×) what it costs on virtual threads.", win);
    }

    @Test
    void allocationChartDrawsEveryModelWithGcFigures() {
        RunParameters params = new RunParameters(10, 1, 1, 2);
        PointResult a = new PointResult(new Point("sleep", "virtual", 1000), params, 11, 1, 10, 12, "ms/op", 5,
                PointStatus.OK, "", new GcFigures(950, 0.1));
        PointResult b = new PointResult(new Point("sleep", "user", 1000), params, 11, 1, 10, 12, "ms/op", 5,
                PointStatus.OK, "", new GcFigures(370, 0.05));
        String svg = ChartRenderer.allocationChart("a", ReportModel.group(List.of(a, b)).get("sleep"));
        assertTrue(svg.contains("<svg") && svg.contains(">virtual</text>") && svg.contains(">user</text>"),
                svg.substring(0, Math.min(300, svg.length())));
        assertEquals("", ChartRenderer.allocationChart("b", ReportModel.group(List.of(ok("user", "sleep", 1, 10, 9, 11)))
                .get("sleep")), "no GC figures, no chart");
    }
}
