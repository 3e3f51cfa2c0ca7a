package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.SchedulerCountersRow;
import dev.threadmark.results.TaskCounts;
import dev.threadmark.results.MixedBlend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the template shows, computed from runs: per workload the charts, collapse points and a
 * sentence per model; the table of every point; the environment. Plain maps and lists of strings,
 * so the template needs no knowledge of Java types and everything it prints is escaped.
 */
final class ReportModel {
    private ReportModel() {}

    static Map<String, Object> build(List<RunData> runs, CollapseDetector detector) {
        Map<String, Object> model = new LinkedHashMap<>();
        List<Map<String, Object>> runViews = new ArrayList<>();
        int runIndex = 0;
        for (RunData run : runs) {
            runViews.add(runView(run, detector, "r" + runIndex++));
        }
        model.put("runs", runViews);
        model.put("definition", CollapseDetector.definition(detector.threshold()));
        model.put("verdictColours", Palette.verdictColours());
        long environments = runs.stream().map(r -> EnvironmentLabel.of(r.metadata())).distinct().count();
        model.put("title", runs.size() == 1 ? "threadmark — run " + runs.getFirst().id()
                : "threadmark — " + runs.size() + " runs side by side"
                        + (environments > 1 ? ", " + environments + " environments" : ""));
        return model;
    }

    private static Map<String, Object> runView(RunData run, CollapseDetector detector, String idPrefix) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", run.id());
        view.put("environmentLabel", EnvironmentLabel.of(run.metadata()));
        List<String> headline = new ArrayList<>();
        Scorecard scorecard = new Scorecard();
        List<Map<String, Object>> workloads = new ArrayList<>();
        List<Map<String, String>> collapseRows = new ArrayList<>();
        Map<String, Map<String, List<PointResult>>> grouped = group(run.points());
        int chart = 0;
        for (Map.Entry<String, Map<String, List<PointResult>>> w : grouped.entrySet()) {
            String workload = w.getKey();
            if (MixedBlend.share(workload).isPresent()) {
                continue; // one point per model each: the blends are read together, in their own section
            }
            Map<String, CollapsePoint> collapses = new LinkedHashMap<>();
            List<String> sentences = new ArrayList<>();
            for (Map.Entry<String, List<PointResult>> m : w.getValue().entrySet()) {
                CollapsePoint cp = detector.detect(m.getKey(), workload, m.getValue(), run);
                collapses.put(m.getKey(), cp);
                sentences.add(sentence(cp, m.getValue()));
                scorecard.add(title(workload, run), cp);
                collapseRows.add(Map.of("workload", workload, "model", m.getKey(), "color", Palette.hex(m.getKey()),
                        "lastGood", cp.lastGood() == 0 ? "none" : TaskCounts.format(cp.lastGood()),
                        "firstBad", cp.collapsed() ? TaskCounts.format(cp.firstBad())
                                : cp.inconclusive().isEmpty() ? "never (up to " + TaskCounts.format(cp.lastGood()) + ")"
                                : "none found",
                        "inconclusive", cp.inconclusiveCounts(),
                        "reason", cp.reason()));
            }
            String title = title(workload, run);
            headline.add(title + ": " + String.join("; ", sentences) + ".");
            Map<String, Object> wv = new LinkedHashMap<>();
            wv.put("name", workload);
            wv.put("title", title);
            wv.put("ideal", Ideal.describe(workload, run));
            wv.put("sentences", sentences);
            wv.put("lead", switch (workload) {
                case "blocking-sleep" -> BlockingSection.sentence(w.getValue(), grouped.getOrDefault("sleep", Map.of()), run);
                case "native-sleep" -> BlockingSection.nativeSentence(w.getValue(), run);
                case "socket" -> RealIoSection.sentence(w.getValue(), run);
                default -> "";
            });
            wv.put("timeChart", ChartRenderer.timeChart(idPrefix + "c" + chart++, workload, w.getValue(), collapses, run));
            wv.put("efficiencyChart", ChartRenderer.efficiencyChart(idPrefix + "c" + chart++, workload, w.getValue(),
                    detector.threshold(), run));
            wv.put("allocationChart", ChartRenderer.allocationChart(idPrefix + "c" + chart++, w.getValue()));
            workloads.add(wv);
        }
        Map<String, Object> mixed = MixedSection.view(run, detector, idPrefix + "mx");
        if (!mixed.isEmpty()) {
            headline.add(mixed.get("headline").toString());
        }
        view.put("mixed", mixed);
        view.put("headline", headline);
        view.put("scorecard", scorecard.view());
        view.put("jvmFlags", run.meta("jvm.args.fork"));
        view.put("busyMachine", run.busyMachine().orElse(""));
        view.put("workloads", workloads);
        view.put("collapses", collapseRows);
        view.put("points", rows(run.points(), run));
        view.put("runtime", rows(run.runtime(), run));
        view.put("runtimeCharts", RuntimeSection.charts(run, idPrefix + "rt"));
        view.put("runtimeText", RuntimeSection.sentences(run));
        view.put("memory", MemorySection.build(run, idPrefix + "mem"));
        view.put("environment", environment(run));
        view.put("counters", counters(run));
        view.put("foreign", run.foreign());
        view.put("trends", TrendSection.build(run.history(), run.steps(), idPrefix + "h"));
        view.put("historyRuns", TrendSection.runCount(run.history()));
        view.put("forkJvmArgs", run.jmh().isEmpty() ? "" : String.join(" ", run.jmh().getFirst().jvmArgs()));
        return view;
    }

    /** The point of a series at a task count, if the series has one. */
    static java.util.Optional<PointResult> pointAt(List<PointResult> series, long tasks) {
        return series.stream().filter(p -> p.point().tasks() == tasks).findFirst();
    }

    /** workload → model → points, models in palette order. */
    static Map<String, Map<String, List<PointResult>>> group(List<PointResult> points) {
        Map<String, Map<String, List<PointResult>>> grouped = new LinkedHashMap<>();
        for (PointResult p : points) {
            grouped.computeIfAbsent(p.point().workload(), k -> new TreeMap<>(Palette.MODEL_ORDER))
                    .computeIfAbsent(p.point().model(), k -> new ArrayList<>()).add(p);
        }
        return grouped;
    }

    private static String title(String workload, RunData run) {
        return switch (workload) {
            case "sleep" -> "sleep " + run.meta("workload.sleep.ms") + " ms";
            case "blocking-sleep" -> "Blocking calls: a plain Thread.sleep of " + run.meta("workload.sleep.ms") + " ms";
            case "native-sleep" -> "Blocking calls: libc usleep of " + run.meta("workload.sleep.ms")
                    + " ms in a native call";
            case "socket" -> "Real I/O: a request over loopback TCP, the reply " + run.meta("workload.sleep.ms")
                    + " ms later";
            case "spin" -> "spin " + Format.ms(run.spinTargetMs()) + " of CPU";
            default -> workload;
        };
    }

    /** "virtual holds up to 10k tasks and collapses at 100k — efficiency 20 %", with what was not measured. */
    static String sentence(CollapsePoint cp, List<PointResult> series) {
        String who = cp.model();
        StringBuilder s = new StringBuilder(who);
        if (!cp.collapsed()) {
            s.append(cp.lastGood() == 0 ? " has no count that holds its gains"
                    : " holds its gains up to " + TaskCounts.format(cp.lastGood()) + (cp.lastGood() == 1 ? " task" : " tasks"));
        } else if (cp.lastGood() == 0) {
            s.append(" is below the threshold from the first count past start-up (")
                    .append(TaskCounts.format(cp.firstBad())).append(") — ").append(cp.reason());
        } else {
            s.append(" holds up to ").append(TaskCounts.format(cp.lastGood()))
                    .append(cp.lastGood() == 1 ? " task" : " tasks").append(" and collapses at ")
                    .append(TaskCounts.format(cp.firstBad())).append(" — ").append(cp.reason());
        }
        if (!cp.inconclusive().isEmpty()) {
            s.append("; inconclusive at ").append(cp.inconclusiveCounts())
                    .append(" (the interval straddles the threshold)");
        }
        if (!cp.collapsed() && cp.notMeasuredFrom() > 0) {
            s.append("; ").append(Scorecard.notMeasured(cp));
        }
        if (!Double.isNaN(cp.startupMs())) {
            s.append("; start-up cost ").append(Format.ms(cp.startupMs()));
        }
        return s.toString();
    }

    private static List<Map<String, String>> rows(List<PointResult> points, RunData run) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (PointResult p : points) {
            double ideal = Ideal.ms(p.point().workload(), p.point().tasks(), run);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("model", p.point().model());
            row.put("color", Palette.hex(p.point().model()));
            row.put("workload", p.point().workload());
            row.put("tasks", TaskCounts.format(p.point().tasks()));
            row.put("score", Format.number(p.score()));
            row.put("error", Format.number(p.error()));
            row.put("ci", p.measured() && !Double.isNaN(p.ciLow())
                    ? "[" + Format.number(p.ciLow()) + ", " + Format.number(p.ciHigh()) + "]" : "–");
            row.put("unit", p.unit());
            row.put("samples", Long.toString(p.samples()));
            row.put("efficiency", p.measured() && !Double.isNaN(ideal) ? Format.percent(ideal / p.score()) : "–");
            row.put("alloc", Format.number(p.gc().allocBytesPerTask()));
            row.put("gc", Format.number(p.gc().gcMsPerOp()));
            row.put("status", p.status().name());
            row.put("reason", p.reason());
            row.put("secondary", run.jmhFor(p.point()).map(j -> secondary(j.secondary())).orElse(""));
            rows.add(row);
        }
        return rows;
    }

    private static String secondary(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((k, v) -> parts.add(k + " = " + Format.number(v)));
        return String.join("; ", parts);
    }

    /** The user scheduler's counters per point, summed over the forks' trials. */
    private static List<Map<String, String>> counters(RunData run) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<SchedulerCountersRow>> e : run.counters().entrySet()) {
            long spawned = 0, completed = 0, steals = 0, parks = 0, timers = 0, global = 0, uncaught = 0;
            for (SchedulerCountersRow c : e.getValue()) {
                spawned += c.spawned();
                completed += c.completed();
                steals += c.steals();
                parks += c.parks();
                timers += c.timerFires();
                global += c.globalTakes();
                uncaught += c.uncaught();
            }
            Map<String, String> row = new LinkedHashMap<>();
            row.put("point", e.getKey());
            row.put("trials", Integer.toString(e.getValue().size()));
            row.put("spawned", Long.toString(spawned));
            row.put("completed", Long.toString(completed));
            row.put("steals", Long.toString(steals));
            row.put("parks", Long.toString(parks));
            row.put("timerFires", Long.toString(timers));
            row.put("globalTakes", Long.toString(global));
            row.put("uncaught", Long.toString(uncaught));
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, String>> environment(RunData run) {
        List<Map<String, String>> env = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(run.metadata()).entrySet()) {
            env.add(Map.of("key", e.getKey(), "value", e.getValue()));
        }
        return env;
    }
}
