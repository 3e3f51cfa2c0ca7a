package dev.threadmark.report;

import dev.threadmark.results.History;
import dev.threadmark.results.StepsCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendSectionTest {
    private static History.Row row(String run, String sha, String workload, long tasks, double score, String verdict) {
        return new History.Row(run, "2026-11-25", sha, "25.0.3", "host", "virtual", workload, tasks, 10, 5000, 200, 2,
                score, score * 0.02, score * 0.98, score * 1.02, "ms/op", "OK", verdict, Double.NaN, "");
    }

    private static History.Row row(String run, String sha, String workload, long tasks, double score) {
        return row(run, sha, workload, tasks, score, run.equals("r1") ? "" : "SAME");
    }

    @Test
    void blendsShareOneGroupWithAChartPerShareAndTheGatesRegressionsNameTheirCommit() {
        List<History.Row> history = new ArrayList<>();
        for (String[] run : new String[][] {{"r1", "aaaaaaa"}, {"r2", "bbbbbbb"}}) {
            boolean second = run[0].equals("r2");
            history.add(row(run[0], run[1], "sleep", 1, 10.5));
            // +32 %, and the gate flagged it: a cross
            history.add(row(run[0], run[1], "sleep", 10, second ? 14 : 10.6, second ? "REGRESSED" : ""));
            history.add(row(run[0], run[1], "mixed-0", 100, second ? 14.2 : 10.7)); // as much worse, not flagged: none

            history.add(row(run[0], run[1], "mixed-50", 100, 268));
        }
        List<Map<String, Object>> groups = TrendSection.build(history, List.of(), "t");
        assertEquals(List.of("mixed CPU and waiting", "sleep"), groups.stream().map(g -> g.get("name")).toList());
        List<?> mixedCharts = (List<?>) groups.get(0).get("charts");
        assertEquals(2, mixedCharts.size(), "one small chart per CPU share");
        assertTrue(mixedCharts.get(1).toString().contains("50 % CPU, 100 tasks"), "titled by share and count");
        assertEquals(List.of(), groups.get(0).get("regressions"));
        assertEquals(List.of("virtual at 10 tasks in bbbbbbb: 10.60 → 14.00 ms/op"), groups.get(1).get("regressions"));
        assertEquals(List.of(), TrendSection.build(history.subList(0, 4), List.of(), "t"), "one run is no trend");
    }

    @Test
    void theGatesOpenStepsAreDrawnAndNamedWithTheirCommits() {
        List<History.Row> history = new ArrayList<>();
        String[] shas = {"aaaaaaa", "bbbbbbb", "ccccccc", "ddddddd"};
        for (int i = 0; i < shas.length; i++) {
            history.add(row("r" + (i + 1), shas[i], "sleep", 10, i < 2 ? 10.6 : 14));
            history.add(row("r" + (i + 1), shas[i], "sleep", 100, 11));
        }
        List<StepsCsv.Step> steps = List.of(new StepsCsv.Step("virtual/sleep/10", "r2", "bbbbbbb", "r3", "ccccccc", 0.32, 0.005));
        List<Map<String, Object>> groups = TrendSection.build(history, steps, "t");
        assertEquals(List.of("virtual at 10 tasks: +32 % from bbbbbbb to ccccccc (p 0.005)"), groups.getFirst().get("steps"));
        List<?> charts = (List<?>) groups.getFirst().get("charts");
        String withStep = charts.get(0).toString();
        String without = charts.get(1).toString();
        String stepLine = "stroke:rgb(64,64,64)"; // the step's dashed line is dark grey; the grid's lines are light
        assertTrue(withStep.contains(stepLine) && !without.contains(stepLine),
                "a dashed line on the chart of the point that stepped, none on the other");
    }
}
