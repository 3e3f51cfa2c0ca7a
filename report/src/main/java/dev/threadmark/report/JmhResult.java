package dev.threadmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark entry of JMH's JSON output.
 *
 * @param benchmark  fully qualified benchmark method
 * @param params     its {@code @Param} values; empty when the benchmark has none
 * @param mode       {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param score      primary score; NaN where JMH wrote "NaN"
 * @param rawData    the primary metric's per-iteration scores, one list per fork (for {@code sample}
 *                   mode: each iteration's mean, from its histogram)
 * @param jvmArgs    the forks' JVM arguments
 * @param secondary  secondary metrics by name, JMH's old "·" prefix removed
 */
public record JmhResult(String benchmark, Map<String, String> params, String mode, double score, double error,
        String unit, List<List<Double>> rawData, List<String> jvmArgs, Map<String, Double> secondary) {
    public JmhResult {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params)); // the file's order, for names
        rawData = rawData.stream().map(List::copyOf).toList();
        jvmArgs = List.copyOf(jvmArgs);
        secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** All iterations, the forks one after another. */
    public List<Double> iterations() {
        return rawData.stream().flatMap(List::stream).toList();
    }

    /**
     * One number per fork: the mean of its iterations. Iterations of one fork share its JIT
     * decisions and memory layout, so they are not independent samples; forks are. Iterations
     * JMH wrote as "NaN" (or infinite) are left out, and a fork with none left has no mean.
     */
    public double[] forkMeans() {
        return rawData.stream().map(f -> f.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).average())
                .filter(java.util.OptionalDouble::isPresent).mapToDouble(java.util.OptionalDouble::getAsDouble).toArray();
    }

    /** Whether a smaller score is better: time per operation ({@code avgt}, {@code sample}, {@code ss}) yes, throughput no. */
    public boolean lowerIsBetter() {
        return !mode.equals("thrpt");
    }
}
