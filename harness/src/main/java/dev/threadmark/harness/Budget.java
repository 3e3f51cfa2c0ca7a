package dev.threadmark.harness;

import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.RunParameters;
import dev.threadmark.results.TaskCounts;
import dev.threadmark.workloads.MixedWorkload;
import java.time.Duration;
import java.util.Optional;

/**
 * Estimates how long one operation of a point will take from the last measured point of the
 * same model and workload, scaled linearly with the task count. Linear is the pessimistic case
 * (serial execution); it is what a pool or a saturated CPU actually does, and for a model that
 * overlaps its tasks well the estimate stays far under any budget anyway.
 *
 * <p>A mixed blend runs at one count only, so it has no previous point; its estimate is the
 * least time any schedule needs ({@link MixedWorkload#idealTime}): if even that exceeds the
 * budget, no model can do better.
 */
final class Budget {
    private Budget() {}

    static Optional<Duration> estimate(Optional<PointResult> previous, int tasks) {
        return previous.filter(PointResult::measured).map(p -> {
            double perOpMs = p.score() * tasks / p.point().tasks();
            return Duration.ofNanos((long) (perOpMs * 1e6));
        });
    }

    /** The ideal time of a mixed blend; empty for every other workload. */
    static Optional<Duration> lowerBound(Point point, RunParameters parameters, int cores) {
        return MixedWorkload.share(point.workload()).stream().mapToObj(share -> MixedWorkload.idealTime(
                Duration.ofMillis(parameters.sleepMs()), share, point.tasks(), cores)).findFirst();
    }

    /** @param previous the point the estimate was scaled from; empty for a lower bound */
    static String overBudgetReason(Duration estimate, Optional<PointResult> previous, Duration budget) {
        String basis = previous.map(p -> "from " + Durations.format(Duration.ofNanos((long) (p.score() * 1e6)))
                + " at " + TaskCounts.format(p.point().tasks()) + " tasks").orElse("the least any schedule needs");
        return String.format("estimated %s per operation (%s) exceeds the %s budget", Durations.format(estimate),
                basis, Durations.format(budget));
    }
}
