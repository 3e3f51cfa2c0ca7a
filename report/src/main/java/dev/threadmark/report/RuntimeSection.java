package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        ratio(text, run, "noop", "Starting and joining a million no-op tasks");
        ratio(text, run, "ping-pong-1c", "A park/unpark round trip on one carrier");
        return text;
    }

    /** The user/virtual ratio of a runtime row with its interval ({@link Ratio}); a tie is called one. */
    private static void ratio(List<String> text, RunData run, String workload, String what) {
        Optional<PointResult> user = row(run, workload, "user");
        Optional<PointResult> virtual = row(run, workload, "virtual");
        if (user.isPresent() && virtual.isPresent()) {
            Ratio r = Ratio.of(run, user.get(), virtual.get());
            text.add(r.distinguishable()
                    ? what + " on user threads costs " + r.format() + " what it costs on virtual threads."
                    : what + ": user and virtual threads are not distinguishable (user / virtual = " + r.format() + ").");
        }
    }

    private static Optional<PointResult> row(RunData run, String workload, String model) {
        return run.runtime().stream().filter(p -> p.measured() && p.point().workload().equals(workload)
                && p.point().model().equals(model)).findFirst();
    }
}
