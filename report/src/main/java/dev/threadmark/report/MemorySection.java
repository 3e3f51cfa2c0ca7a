package dev.threadmark.report;

import dev.threadmark.results.FootprintRows;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.TaskCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * "What a parked task costs": the footprint probe's rows ({@code parked-heap}, {@code parked-rss}
 * in {@code runtime.csv}) as one chart, a table and one sentence, beside the seeds' 2 KB goroutine.
 */
final class MemorySection {
    /** The seeds' figure for a goroutine's initial stack. */
    static final double GOROUTINE_BYTES = 2048;
    static final String GOROUTINE_LABEL = "goroutine, 2 KB";

    static final String METHOD = "Memory one parked task adds to the process, in bytes per task, against the number"
            + " of tasks parked at once (log–log). Solid: heap retained after GC (median of 5 rounds after a warm-up)."
            + " Dashed: growth of the resident set (VmRSS) the first time N tasks are parked, with the heap fixed and"
            + " pre-touched, so it counts memory outside the heap: thread stacks and per-thread structures. A task's"
            + " total is heap + RSS; the kernel's own per-thread memory is in neither. One fresh JVM per model and"
            + " count; values under 10 B are drawn on the bottom edge. Crosses along the top: counts at which the"
            + " model failed (the table gives the reason).";

    private MemorySection() {}

    /** Empty when the run has no footprint rows, so the template leaves the section out. */
    static Map<String, Object> build(RunData run, String id) {
        Map<String, List<PointResult>> heap = byModel(run, FootprintRows.HEAP_WORKLOAD);
        Map<String, List<PointResult>> rss = byModel(run, FootprintRows.RSS_WORKLOAD);
        Map<String, Object> view = new LinkedHashMap<>();
        if (heap.isEmpty() && rss.isEmpty()) {
            return view;
        }
        view.put("sentence", sentence(heap, rss));
        view.put("svg", ChartRenderer.footprintChart(id, heap, rss, GOROUTINE_BYTES, GOROUTINE_LABEL));
        view.put("caption", METHOD);
        view.put("rows", rows(heap, rss));
        return view;
    }

    /** model → its rows of one workload by growing N, models in palette order. */
    static Map<String, List<PointResult>> byModel(RunData run, String workload) {
        Map<String, List<PointResult>> byModel = new LinkedHashMap<>();
        ReportModel.group(run.runtime()).getOrDefault(workload, Map.of()).forEach((model, rows) -> byModel.put(model,
                rows.stream().sorted((a, b) -> Integer.compare(a.point().tasks(), b.point().tasks())).toList()));
        return byModel;
    }

    /**
     * "A parked platform thread costs ~23 KB of memory, a virtual thread ~0.7 KB and a user thread
     * ~0.2 KB, against a goroutine's 2 KB; platform threads run out at 100k." Each model at the largest
     * count it was measured at, where fixed costs weigh least.
     */
    static String sentence(Map<String, List<PointResult>> heap, Map<String, List<PointResult>> rss) {
        List<String> costs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<PointResult>> e : heap.entrySet()) {
            String model = e.getKey();
            List<PointResult> rssRows = rss.getOrDefault(model, List.of());
            e.getValue().reversed().stream().filter(PointResult::measured)
                    .map(h -> total(h, rssRows)).flatMap(Optional::stream).findFirst()
                    .ifPresent(bytes -> costs.add(costs.isEmpty() ? noun(model) + " costs ~" + kb(bytes) + " of memory"
                            : "a " + noun(model) + " ~" + kb(bytes)));
            e.getValue().stream().filter(p -> p.status() == PointStatus.FAILED).findFirst()
                    .ifPresent(f -> failures.add(plural(model) + " run out at " + TaskCounts.format(f.point().tasks())));
        }
        StringBuilder s = new StringBuilder();
        if (!costs.isEmpty()) {
            s.append("A parked ").append(join(costs)).append(", against a goroutine's 2 KB");
        }
        if (!failures.isEmpty()) {
            s.append(s.isEmpty() ? "" : "; ").append(join(failures));
        }
        return s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    /** One row per model and N: heap, RSS and their sum against a goroutine, or why there is none. */
    static List<Map<String, String>> rows(Map<String, List<PointResult>> heap, Map<String, List<PointResult>> rss) {
        List<Map<String, String>> rows = new ArrayList<>();
        heap.forEach((model, heapRows) -> {
            for (PointResult h : heapRows) {
                Optional<PointResult> r = ReportModel.pointAt(rss.getOrDefault(model, List.of()), h.point().tasks());
                Map<String, String> row = new LinkedHashMap<>();
                row.put("model", model);
                row.put("color", Palette.hex(model));
                row.put("tasks", TaskCounts.format(h.point().tasks()));
                row.put("heap", h.measured() ? bytes(h.score()) : "–");
                row.put("rss", r.filter(PointResult::measured).map(p -> bytes(p.score())).orElse("–"));
                row.put("goroutines", total(h, rss.getOrDefault(model, List.of()))
                        .map(t -> String.format(Locale.ROOT, "%.2g ×", t / GOROUTINE_BYTES)).orElse("–"));
                row.put("status", h.status().name());
                row.put("note", h.measured() ? "" : h.status() + ": " + h.reason());
                rows.add(row);
            }
        });
        return rows;
    }

    /** Heap + RSS at the same N, when both were measured. */
    private static Optional<Double> total(PointResult heap, List<PointResult> rss) {
        return heap.measured() ? ReportModel.pointAt(rss, heap.point().tasks()).filter(PointResult::measured)
                .map(r -> heap.score() + r.score()) : Optional.empty();
    }

    private static String noun(String model) {
        return switch (model) {
            case "platform", "virtual", "user" -> model + " thread";
            default -> model + " task";
        };
    }

    private static String plural(String model) {
        return switch (model) {
            case "platform", "virtual", "user" -> model + " threads";
            default -> model + " tasks";
        };
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        String first = String.join(", ", parts.subList(0, parts.size() - 1));
        return first + " and " + parts.getLast();
    }

    /** 0.7 KB, 2.1 KB, 23 KB: one significant decimal where it matters. */
    static String kb(double bytes) {
        double kb = bytes / 1024;
        return String.format(Locale.ROOT, kb < 10 ? "%.1f KB" : "%.0f KB", kb);
    }

    private static String bytes(double b) {
        return String.format(Locale.ROOT, "%,.0f", b);
    }
}
