package dev.threadmark.report;

import dev.threadmark.harness.PointResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runtime stage's timings in words and pictures: 1M no-op tasks, ping-pong (memory: {@link MemorySection}). */
final class RuntimeSection {
    private RuntimeSection() {}

    static List<Map<String, String>> charts(RunData run, String idPrefix) {
        List<Map<String, String>> charts = new ArrayList<>();
        add(charts, run, "noop", idPrefix + "a", "1M no-op tasks: start + join (ms)", "start + join one million no-op tasks");
        add(charts, run, "ping-pong-1c", idPrefix + "b", "park/unpark round trip (ns)",
                "ping-pong round trip: two threads on one carrier hand a token back and forth");
        return charts;
    }

    private static void add(List<Map<String, String>> charts, RunData run, String workload, String id, String axis,
            String caption) {
        Map<String, Double> values = values(run, workload);
        if (!values.isEmpty()) {
            charts.add(Map.of("caption", caption, "svg",
                    ChartRenderer.modelValuesChart(id, axis, values)));
        }
    }

    static Map<String, Double> values(RunData run, String workload) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (PointResult p : run.runtime()) {
            if (p.point().workload().equals(workload) && p.measured()) {
                values.put(p.point().model(), p.score());
            }
        }
        return values;
    }

    static List<String> sentences(RunData run) {
        List<String> text = new ArrayList<>();
        ratio(text, values(run, "noop"), "Starting and joining a million no-op tasks");
        ratio(text, values(run, "ping-pong-1c"), "A park/unpark round trip on one carrier");
        return text;
    }

    private static void ratio(List<String> text, Map<String, Double> v, String what) {
        if (v.containsKey("user") && v.containsKey("virtual")) {
            text.add(what + " on user threads costs " + Format.times(v.get("user") / v.get("virtual"))
                    + " what it costs on virtual threads.");
        }
    }
}
