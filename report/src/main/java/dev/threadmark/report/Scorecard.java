package dev.threadmark.report;

import dev.threadmark.results.TaskCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headline as a table a reader takes in at a glance: one row per workload, one column per
 * model, each cell the model's verdict on that workload — "holds to 1M", "holds to 100k, over
 * budget from 1M (estimated 17 s)", "holds to 10k, inconclusive at 100k", "collapses at 10k (held
 * to 1k)" — coloured by kind ({@link Palette#verdictColours}), with a measured collapse, an
 * inconclusive count and an estimate told apart; and a last row with each model's start-up cost.
 */
final class Scorecard {
    private static final Pattern ESTIMATE = Pattern.compile("estimated (\\S+ \\S+) per operation");

    private final Map<String, Map<String, CollapsePoint>> rows = new LinkedHashMap<>();
    private final TreeSet<String> models = new TreeSet<>(Palette.MODEL_ORDER);

    void add(String workloadTitle, CollapsePoint cp) {
        rows.computeIfAbsent(workloadTitle, k -> new TreeMap<>(Palette.MODEL_ORDER)).put(cp.model(), cp);
        models.add(cp.model());
    }

    /** "over budget from 1M (estimated 17 s)", "skipped from 100k". */
    static String notMeasured(CollapsePoint cp) {
        String n = TaskCounts.format(cp.notMeasuredFrom());
        if (cp.notMeasured().startsWith("over budget")) {
            Matcher m = ESTIMATE.matcher(cp.notMeasured());
            return "over budget from " + n + (m.find() ? " (estimated " + m.group(1) + ")" : "");
        }
        return "not measured from " + n;
    }

    /** The template's view: header models, rows of cells {text, note, kind}, and the start-up row. */
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        List<Map<String, String>> header = new ArrayList<>();
        for (String m : models) {
            header.add(Map.of("model", m, "color", Palette.hex(m)));
        }
        List<Map<String, Object>> body = new ArrayList<>();
        Map<String, Double> startup = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, CollapsePoint>> row : rows.entrySet()) {
            List<Map<String, String>> cells = new ArrayList<>();
            for (String m : models) {
                CollapsePoint cp = row.getValue().get(m);
                cells.add(cp == null ? Map.of("text", "–", "note", "", "kind", "none") : cell(cp));
                if (cp != null && !Double.isNaN(cp.startupMs()) && row.getKey().startsWith("spin")) {
                    startup.put(m, cp.startupMs());
                }
            }
            body.add(Map.of("workload", row.getKey(), "cells", cells));
        }
        view.put("models", header);
        view.put("rows", body);
        List<String> startupCells = new ArrayList<>();
        for (String m : models) {
            startupCells.add(startup.containsKey(m) ? Format.ms(startup.get(m)) : "–");
        }
        view.put("startup", startup.isEmpty() ? List.of() : startupCells);
        return view;
    }

    /**
     * One cell: red "collapses at …" for a measured collapse; otherwise "holds to …" (or "no count
     * held"), amber when a count was inconclusive or larger counts were not measured, green only
     * when neither — a count that may have missed the threshold never shows green.
     */
    private static Map<String, String> cell(CollapsePoint cp) {
        List<String> notes = new ArrayList<>();
        String text;
        String kind;
        if (cp.collapsed()) {
            text = "collapses at " + TaskCounts.format(cp.firstBad());
            notes.add(cp.lastGood() == 0 ? "from the first count past start-up" : "held to " + TaskCounts.format(cp.lastGood()));
            kind = "collapsed";
        } else {
            text = cp.lastGood() == 0 ? "no count held" : "holds to " + TaskCounts.format(cp.lastGood());
            if (cp.notMeasuredFrom() > 0) {
                notes.add(notMeasured(cp));
            }
            kind = !cp.inconclusive().isEmpty() ? "inconclusive"
                    : cp.lastGood() == 0 ? "none"
                    : cp.notMeasuredFrom() > 0 ? "estimated" : "holds";
        }
        if (!cp.inconclusive().isEmpty()) {
            notes.add("inconclusive at " + cp.inconclusiveCounts());
        }
        if (!Double.isNaN(cp.startupMs())) {
            notes.add("start-up " + Format.ms(cp.startupMs()));
        }
        return Map.of("text", text, "note", String.join("; ", notes), "kind", kind);
    }
}
