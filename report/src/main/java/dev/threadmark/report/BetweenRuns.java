package dev.threadmark.report;

import dev.threadmark.results.History;
import dev.threadmark.results.Point;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far a ratio of two points moved between runs: the smallest and largest per-run ratio
 * (score of the numerator / score of the denominator, both from the same run) over the other
 * runs of the nightly history that measured both points.
 *
 * <p>Why beside the within-run interval: the iterations of one run share its JVM, machine and
 * neighbours, so they are not independent draws and their interval says little about the next
 * run — the same code has measured 341 ± 70 ms and 1 244 ± 216 ms in two runs. Rows counted:
 * trusted ({@link History.Row#trusted()}), status OK, of the same model, workload and task count
 * as each point, from a run other than the one reported. Fewer than {@link #MIN_RUNS} such runs
 * give nothing.
 *
 * @param low  the smallest per-run ratio
 * @param high the largest per-run ratio
 * @param runs how many runs the range covers
 */
record BetweenRuns(double low, double high, int runs) {
    /** Two runs are two numbers, not a spread. */
    static final int MIN_RUNS = 3;

    static Optional<BetweenRuns> of(List<History.Row> history, String reportedRun, Point numerator, Point denominator) {
        Map<String, Double> numerators = scores(history, reportedRun, numerator);
        Map<String, Double> denominators = scores(history, reportedRun, denominator);
        double[] ratios = numerators.entrySet().stream().filter(e -> denominators.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue() / denominators.get(e.getKey())).toArray();
        if (ratios.length < MIN_RUNS) {
            return Optional.empty();
        }
        return Optional.of(new BetweenRuns(java.util.Arrays.stream(ratios).min().orElseThrow(),
                java.util.Arrays.stream(ratios).max().orElseThrow(), ratios.length));
    }

    /** run id → score of the point in that run, for the rows this record counts. */
    private static Map<String, Double> scores(List<History.Row> history, String reportedRun, Point p) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (History.Row r : history) {
            if (!r.runId().equals(reportedRun) && r.trusted() && "OK".equals(r.status())
                    && Double.isFinite(r.score()) && r.score() > 0 && r.model().equals(p.model())
                    && r.workload().equals(p.workload()) && r.tasks() == p.tasks()) {
                scores.putIfAbsent(r.runId(), r.score());
            }
        }
        return scores;
    }

    /** "between-run range 0.22–0.301× over 3 other runs". */
    String format() {
        return "between-run range " + Format.significant(low) + "–" + Format.times(high) + " over " + runs
                + " other runs";
    }
}
