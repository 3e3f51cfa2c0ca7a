package dev.threadmark.report;

import dev.threadmark.harness.TaskCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The history as small multiples: per workload, one small chart per task count, models as
 * series, score over runs with its confidence band. A run whose score is worse than the run
 * before by more than the minimum effect, with confidence intervals that do not overlap, is
 * marked as a regression and named by its commit. (The gate itself, {@link Comparison}, tests
 * the raw iterations; history keeps only scores and intervals, so the chart uses the stricter
 * interval rule.)
 */
final class TrendSection {
    static final double MIN_EFFECT = Comparison.DEFAULT_MIN_EFFECT;

    private TrendSection() {}

    /** workload → list of {tasks, svg}; empty when the history has fewer than two runs. */
    static List<Map<String, Object>> build(List<History.Row> history, String idPrefix) {
        List<String> runs = new ArrayList<>(new java.util.LinkedHashSet<>(history.stream().map(History.Row::runId).toList()));
        List<Map<String, Object>> workloads = new ArrayList<>();
        if (runs.size() < 2) {
            return workloads;
        }
        Map<String, String> shaOf = new LinkedHashMap<>();
        history.forEach(r -> shaOf.putIfAbsent(r.runId(), r.gitSha().length() > 7 ? r.gitSha().substring(0, 7) : r.gitSha()));
        List<String> labels = runs.stream().map(shaOf::get).toList();
        Map<String, Map<Long, List<History.Row>>> byWorkload = new TreeMap<>();
        for (History.Row r : history) {
            byWorkload.computeIfAbsent(r.workload(), k -> new TreeMap<>()).computeIfAbsent(r.tasks(), k -> new ArrayList<>()).add(r);
        }
        int chart = 0;
        for (Map.Entry<String, Map<Long, List<History.Row>>> w : byWorkload.entrySet()) {
            List<Map<String, String>> charts = new ArrayList<>();
            List<String> regressions = new ArrayList<>();
            for (Map.Entry<Long, List<History.Row>> t : w.getValue().entrySet()) {
                java.util.Comparator<String> byPalette = java.util.Comparator.comparingInt(Palette::order)
                        .thenComparing(java.util.Comparator.naturalOrder());
                Map<String, List<double[]>> series = new TreeMap<>(byPalette);
                Map<String, List<double[]>> marks = new TreeMap<>(byPalette);
                for (History.Row r : t.getValue()) {
                    if (!"OK".equals(r.status())) {
                        continue;
                    }
                    double x = runs.indexOf(r.runId());
                    List<double[]> points = series.computeIfAbsent(r.model(), k -> new ArrayList<>());
                    double lo = Double.isNaN(r.ciLow()) ? r.score() : r.ciLow();
                    double hi = Double.isNaN(r.ciHigh()) ? r.score() : r.ciHigh();
                    if (!points.isEmpty()) {
                        double[] prev = points.getLast();
                        if (r.score() > prev[1] * (1 + MIN_EFFECT) && lo > prev[3]) {
                            marks.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(new double[] {x, r.score()});
                            regressions.add(r.model() + " at " + TaskCounts.format(t.getKey()) + " tasks in "
                                    + shaOf.get(r.runId()) + ": " + Format.number(prev[1]) + " → " + Format.number(r.score())
                                    + " " + r.unit());
                        }
                    }
                    points.add(new double[] {x, r.score(), lo, hi});
                }
                if (!series.isEmpty()) {
                    charts.add(Map.of("tasks", TaskCounts.format(t.getKey()), "svg", ChartRenderer.trendChart(
                            idPrefix + "t" + chart++, TaskCounts.format(t.getKey()) + (t.getKey() == 1 ? " task" : " tasks"), series, marks, labels)));
                }
            }
            workloads.add(Map.of("name", w.getKey(), "charts", charts, "regressions", regressions));
        }
        return workloads;
    }

    static int runCount(List<History.Row> history) {
        return new TreeSet<>(history.stream().map(History.Row::runId).toList()).size();
    }
}
