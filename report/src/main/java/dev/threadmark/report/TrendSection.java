package dev.threadmark.report;

import dev.threadmark.results.History;
import dev.threadmark.results.StepsCsv;
import dev.threadmark.results.TaskCounts;
import dev.threadmark.results.MixedBlend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The history as small multiples: per workload, one small chart per task count, models as
 * series, score over runs with its confidence band. A run on which the nightly gate flagged a
 * point (its verdict is recorded in the history) is marked as a regression and named by its
 * commit: the chart draws the gate's decisions rather than judging again by a rule of its own,
 * so chart and gate cannot disagree. Runs appended without a comparison have no crosses. The
 * open steps the gate found in the history (change points that persist) are drawn the same way:
 * a dashed line at the step's first night, and named with their commit range.
 *
 * <p>The mixed blends run at one task count each, so they are one group, one small chart per
 * CPU share, rather than seven groups of one chart.
 */
final class TrendSection {
    private TrendSection() {}

    /** workload → list of {tasks, svg}; empty when the history has fewer than two runs. */
    static List<Map<String, Object>> build(List<History.Row> history, List<StepsCsv.Step> steps, String idPrefix) {
        List<String> runs = new ArrayList<>(new java.util.LinkedHashSet<>(history.stream().map(History.Row::runId).toList()));
        List<Map<String, Object>> workloads = new ArrayList<>();
        if (runs.size() < 2) {
            return workloads;
        }
        Map<String, String> shaOf = new LinkedHashMap<>();
        history.forEach(r -> shaOf.putIfAbsent(r.runId(), r.gitSha().length() > 7 ? r.gitSha().substring(0, 7) : r.gitSha()));
        List<String> labels = runs.stream().map(shaOf::get).toList();
        Map<String, Map<Long, List<History.Row>>> byWorkload = new TreeMap<>();
        Map<String, Map<Long, String>> titles = new TreeMap<>();
        for (History.Row r : history) {
            Panel panel = Panel.of(r);
            byWorkload.computeIfAbsent(panel.group(), k -> new TreeMap<>())
                    .computeIfAbsent(panel.order(), k -> new ArrayList<>()).add(r);
            titles.computeIfAbsent(panel.group(), k -> new TreeMap<>()).putIfAbsent(panel.order(), panel.title());
        }
        int chart = 0;
        for (Map.Entry<String, Map<Long, List<History.Row>>> w : byWorkload.entrySet()) {
            List<Map<String, String>> charts = new ArrayList<>();
            List<String> regressions = new ArrayList<>();
            List<String> stepNotes = new ArrayList<>();
            for (Map.Entry<Long, List<History.Row>> t : w.getValue().entrySet()) {
                String title = titles.get(w.getKey()).get(t.getKey());
                Map<String, List<double[]>> series = new TreeMap<>(Palette.MODEL_ORDER);
                Map<String, List<double[]>> marks = new TreeMap<>(Palette.MODEL_ORDER);
                for (History.Row r : t.getValue()) {
                    if (!"OK".equals(r.status())) {
                        continue;
                    }
                    double x = runs.indexOf(r.runId());
                    List<double[]> points = series.computeIfAbsent(r.model(), k -> new ArrayList<>());
                    double lo = Double.isNaN(r.ciLow()) ? r.score() : r.ciLow();
                    double hi = Double.isNaN(r.ciHigh()) ? r.score() : r.ciHigh();
                    if (r.regressed()) {
                        marks.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(new double[] {x, r.score()});
                        regressions.add(r.model() + " at " + title + " in " + shaOf.get(r.runId()) + ": "
                                + (points.isEmpty() ? "" : Format.number(points.getLast()[1]) + " → ")
                                + Format.number(r.score()) + " " + r.unit());
                    }
                    points.add(new double[] {x, r.score(), lo, hi});
                }
                List<Double> stepAt = new ArrayList<>();
                for (StepsCsv.Step step : steps) {
                    String[] p = step.point().split("/");
                    if (p.length == 3 && series.containsKey(p[0]) && t.getValue().stream().anyMatch(
                            r -> r.point().equals(step.point())) && runs.contains(step.toRun())) {
                        stepAt.add((double) runs.indexOf(step.toRun()));
                        stepNotes.add(String.format(java.util.Locale.ROOT, "%s at %s: %+.0f %% from %s to %s (p %.3f)",
                                p[0], title, 100 * step.change(), shaOf.get(step.fromRun()), shaOf.get(step.toRun()),
                                step.p()));
                    }
                }
                if (!series.isEmpty()) {
                    charts.add(Map.of("svg", ChartRenderer.trendChart(idPrefix + "t" + chart++, title, series, marks,
                            stepAt, labels)));
                }
            }
            workloads.add(Map.of("name", w.getKey(), "charts", charts, "regressions", regressions, "steps", stepNotes));
        }
        return workloads;
    }

    /** Where a history row is drawn: its group of small multiples, its place there, its chart's title. */
    record Panel(String group, long order, String title) {
        static final String MIXED_GROUP = "mixed CPU and waiting";

        static Panel of(History.Row r) {
            String tasks = TaskCounts.format(r.tasks()) + (r.tasks() == 1 ? " task" : " tasks");
            return MixedBlend.share(r.workload()).stream()
                    .mapToObj(share -> new Panel(MIXED_GROUP, share, share + " % CPU, " + tasks)).findFirst()
                    .orElse(new Panel(r.workload(), r.tasks(), tasks));
        }
    }

    static int runCount(List<History.Row> history) {
        return new TreeSet<>(history.stream().map(History.Row::runId).toList()).size();
    }
}
