package dev.threadmark.report;

import dev.threadmark.harness.MalformedResultsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result file ({@code -rf json}). Unknown fields are ignored (JMH adds fields
 * between versions); missing required ones, wrong types, truncation and non-JSON are errors that
 * name the file, the entry and the field.
 */
public final class JmhJson {
    private JmhJson() {}

    public static List<JmhResult> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new MalformedResultsException(file + ": empty");
        }
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedResultsException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!(doc instanceof List<?> entries)) {
            throw new MalformedResultsException(file + ": expected a JSON array of benchmark results");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                results.add(entry(entries.get(i)));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new MalformedResultsException(file + ": entry " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return results;
    }

    private static JmhResult entry(Object o) {
        Map<?, ?> e = object(o, "entry");
        Map<?, ?> primary = object(e.get("primaryMetric"), "primaryMetric");
        Map<String, String> params = new LinkedHashMap<>();
        if (e.get("params") != null) {
            object(e.get("params"), "params").forEach((k, v) -> params.put((String) k, String.valueOf(v)));
        }
        List<Double> iterations = new ArrayList<>();
        Object raw = primary.get("rawData");
        if (raw != null) {
            for (Object fork : list(raw, "primaryMetric.rawData")) {
                for (Object v : list(fork, "primaryMetric.rawData[]")) {
                    iterations.add(decimal(v, "primaryMetric.rawData value"));
                }
            }
        }
        Map<String, Double> secondary = new LinkedHashMap<>();
        if (e.get("secondaryMetrics") != null) {
            object(e.get("secondaryMetrics"), "secondaryMetrics").forEach((k, v) -> {
                String name = ((String) k).startsWith("·") ? ((String) k).substring(1) : (String) k;
                secondary.put(name, decimal(object(v, "secondaryMetrics." + k).get("score"), k + ".score"));
            });
        }
        List<String> jvmArgs = new ArrayList<>();
        if (e.get("jvmArgs") != null) {
            list(e.get("jvmArgs"), "jvmArgs").forEach(a -> jvmArgs.add(String.valueOf(a)));
        }
        return new JmhResult(text(e.get("benchmark"), "benchmark"), params, text(e.get("mode"), "mode"),
                decimal(primary.get("score"), "primaryMetric.score"),
                primary.get("scoreError") == null ? Double.NaN : decimal(primary.get("scoreError"), "primaryMetric.scoreError"),
                text(primary.get("scoreUnit"), "primaryMetric.scoreUnit"), iterations,
                e.get("forks") == null ? 0 : (int) decimal(e.get("forks"), "forks"), jvmArgs, secondary);
    }

    private static Map<?, ?> object(Object o, String field) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(o == null ? "missing " + field : field + " is not an object");
    }

    private static List<?> list(Object o, String field) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(field + " is not an array");
    }

    private static String text(Object o, String field) {
        if (o instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(o == null ? "missing " + field : field + " is not a string");
    }

    /** A number, or JMH's string spellings of the values JSON cannot hold ("NaN", "Infinity"). */
    private static double decimal(Object o, String field) {
        if (o instanceof Double d) {
            return d;
        }
        if (o instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
            return Double.parseDouble(s);
        }
        throw new IllegalArgumentException(o == null ? "missing " + field : field + " is not a number: " + o);
    }
}
