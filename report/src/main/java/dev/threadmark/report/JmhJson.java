package dev.threadmark.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadmark.results.MalformedResultsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result file ({@code -rf json}), ours or any other project's, with Jackson.
 * Unknown fields are ignored (JMH adds fields between versions); missing required ones, wrong
 * types, truncation and non-JSON are errors that name the file, the entry and the field. Jackson
 * refuses what JSON forbids (leading zeros, bare {@code NaN}, nesting past its depth limit); JMH
 * spells the values JSON cannot hold as strings ({@code "NaN"}, {@code "Infinity"}), read here.
 *
 * <p>The primary metric's samples come from {@code rawData} (one array per fork) or, in
 * {@code sample} mode, from {@code rawDataHistogram} (per fork, per iteration, {@code [value,
 * count]} pairs), reduced to each iteration's mean.
 */
public final class JmhJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JmhJson() {}

    public static List<JmhResult> read(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new MalformedResultsException(file + (Files.exists(file) ? ": empty" : ": missing"));
        }
        JsonNode doc;
        try {
            doc = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            throw new MalformedResultsException(file + ": not valid JSON: " + where + e.getOriginalMessage(), e);
        }
        if (doc == null || !doc.isArray()) {
            throw new MalformedResultsException(file + ": expected a JSON array of benchmark results");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            try {
                results.add(entry(doc.get(i)));
            } catch (IllegalArgumentException e) {
                throw new MalformedResultsException(file + ": entry " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return results;
    }

    private static JmhResult entry(JsonNode e) {
        object(e, "entry");
        JsonNode primary = object(e.get("primaryMetric"), "primaryMetric");
        Map<String, String> params = new LinkedHashMap<>();
        if (present(e.get("params"))) {
            object(e.get("params"), "params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
        }
        Map<String, Double> secondary = new LinkedHashMap<>();
        if (present(e.get("secondaryMetrics"))) {
            object(e.get("secondaryMetrics"), "secondaryMetrics").properties().forEach(m -> {
                String name = m.getKey().startsWith("·") ? m.getKey().substring(1) : m.getKey();
                secondary.put(name, decimal(object(m.getValue(), "secondaryMetrics." + m.getKey()).get("score"),
                        "secondaryMetrics." + m.getKey() + ".score"));
            });
        }
        List<String> jvmArgs = new ArrayList<>();
        if (present(e.get("jvmArgs"))) {
            array(e.get("jvmArgs"), "jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        }
        return new JmhResult(text(e.get("benchmark"), "benchmark"), params, text(e.get("mode"), "mode"),
                decimal(primary.get("score"), "primaryMetric.score"),
                present(primary.get("scoreError")) ? decimal(primary.get("scoreError"), "primaryMetric.scoreError")
                        : Double.NaN,
                text(primary.get("scoreUnit"), "primaryMetric.scoreUnit"), rawData(primary), jvmArgs, secondary);
    }

    /** Per fork, the iterations' scores: {@code rawData}, else the means of {@code rawDataHistogram}'s iterations. */
    private static List<List<Double>> rawData(JsonNode primary) {
        List<List<Double>> forks = new ArrayList<>();
        if (present(primary.get("rawData"))) {
            for (JsonNode fork : array(primary.get("rawData"), "primaryMetric.rawData")) {
                List<Double> iterations = new ArrayList<>();
                for (JsonNode v : array(fork, "primaryMetric.rawData[]")) {
                    iterations.add(decimal(v, "primaryMetric.rawData value"));
                }
                forks.add(iterations);
            }
        } else if (present(primary.get("rawDataHistogram"))) {
            String field = "primaryMetric.rawDataHistogram";
            for (JsonNode fork : array(primary.get("rawDataHistogram"), field)) {
                List<Double> iterations = new ArrayList<>();
                for (JsonNode iteration : array(fork, field + "[]")) {
                    double sum = 0;
                    double count = 0;
                    for (JsonNode bin : array(iteration, field + "[][]")) {
                        if (!bin.isArray() || bin.size() != 2) {
                            throw new IllegalArgumentException(field + " entry is not a [value, count] pair: " + bin);
                        }
                        double c = decimal(bin.get(1), field + " count");
                        sum += decimal(bin.get(0), field + " value") * c;
                        count += c;
                    }
                    if (count > 0) {
                        iterations.add(sum / count);
                    }
                }
                forks.add(iterations);
            }
        }
        return forks;
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull();
    }

    private static JsonNode object(JsonNode n, String field) {
        if (n != null && n.isObject()) {
            return n;
        }
        throw new IllegalArgumentException(!present(n) ? "missing " + field : field + " is not an object");
    }

    private static JsonNode array(JsonNode n, String field) {
        if (n != null && n.isArray()) {
            return n;
        }
        throw new IllegalArgumentException(field + " is not an array");
    }

    private static String text(JsonNode n, String field) {
        if (n != null && n.isTextual()) {
            return n.asText();
        }
        throw new IllegalArgumentException(!present(n) ? "missing " + field : field + " is not a string");
    }

    /** A number, or JMH's string spellings of the values JSON cannot hold ("NaN", "Infinity"). */
    private static double decimal(JsonNode n, String field) {
        if (n != null && n.isNumber()) {
            return n.asDouble();
        }
        if (n != null && n.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(n.asText())) {
            return Double.parseDouble(n.asText());
        }
        throw new IllegalArgumentException(!present(n) ? "missing " + field : field + " is not a number: " + n.asText());
    }
}
