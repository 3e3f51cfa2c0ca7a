package dev.threadmark.report;

import java.util.List;
import java.util.Map;

/**
 * One benchmark entry of JMH's JSON output.
 *
 * @param benchmark  fully qualified benchmark method
 * @param params     its {@code @Param} values
 * @param score      primary score; NaN where JMH wrote "NaN"
 * @param iterations the raw per-iteration scores, all forks together
 * @param forks      how many forks ran
 * @param jvmArgs    the forks' JVM arguments
 * @param secondary  secondary metrics by name, JMH's old "·" prefix removed
 */
public record JmhResult(String benchmark, Map<String, String> params, String mode, double score, double error,
        String unit, List<Double> iterations, int forks, List<String> jvmArgs, Map<String, Double> secondary) {

    public String param(String name) {
        return params.getOrDefault(name, "");
    }
}
