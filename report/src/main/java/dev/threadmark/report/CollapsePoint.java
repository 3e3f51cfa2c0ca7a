package dev.threadmark.report;

/**
 * Where a model's concurrency gains collapse on a workload: between {@code lastGood} and
 * {@code firstBad} tasks. {@code firstBad} is 0 when the model held up at every count measured,
 * {@code lastGood} is 0 when it collapsed at the first count.
 *
 * @param reason why {@code firstBad} counts as collapsed: its efficiency, or its failure
 */
public record CollapsePoint(String model, String workload, long lastGood, long firstBad, String reason) {
    public boolean collapsed() {
        return firstBad > 0;
    }
}
