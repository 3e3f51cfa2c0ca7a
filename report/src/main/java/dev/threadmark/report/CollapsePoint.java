package dev.threadmark.report;

import dev.threadmark.results.TaskCounts;
import java.util.List;

/**
 * What the collapse rule ({@link CollapseDetector}) found for one model on one workload.
 *
 * @param lastGood        the largest count that held before the collapse (or the largest that held
 *                        at all, when nothing collapsed); 0 when none did
 * @param firstBad        where the gains collapsed: the first bad count that no good count follows;
 *                        0 when the model did not collapse
 * @param reason          why {@code firstBad} is bad: its efficiency, or its failure
 * @param notMeasuredFrom the first count that was not measured (over budget or skipped), 0 if none;
 *                        an estimate, never a collapse
 * @param notMeasured     why it was not measured, with the estimate
 * @param inconclusive    counts neither shown to hold nor shown to miss: their interval straddles
 *                        the threshold, or reaches zero; none of them cancels a collapse
 * @param startupMs       the start-up cost, what N = 1 took beyond the ideal; NaN without N = 1
 */
public record CollapsePoint(String model, String workload, long lastGood, long firstBad, String reason,
        long notMeasuredFrom, String notMeasured, List<Long> inconclusive, double startupMs) {

    public CollapsePoint {
        inconclusive = List.copyOf(inconclusive);
    }

    /** A bare verdict, for tests and callers without the rest. */
    public CollapsePoint(String model, String workload, long lastGood, long firstBad, String reason) {
        this(model, workload, lastGood, firstBad, reason, 0, "", List.of(), Double.NaN);
    }

    public boolean collapsed() {
        return firstBad > 0;
    }

    /** The inconclusive counts as the report writes them, "100k, 1M"; empty for none. */
    public String inconclusiveCounts() {
        return String.join(", ", inconclusive.stream().map(TaskCounts::format).toList());
    }
}
