package dev.threadmark.harness;

import java.time.Duration;
import java.util.Optional;

/**
 * Estimates how long one operation of a point will take from the last measured point of the
 * same model and workload, scaled linearly with the task count. Linear is the pessimistic case
 * (serial execution); it is what a pool or a saturated CPU actually does, and for a model that
 * overlaps its tasks well the estimate stays far under any budget anyway.
 */
final class Budget {
    private Budget() {}

    static Optional<Duration> estimate(Optional<PointResult> previous, int tasks) {
        return previous.filter(PointResult::measured).map(p -> {
            double perOpMs = p.score() * tasks / p.point().tasks();
            return Duration.ofNanos((long) (perOpMs * 1e6));
        });
    }

    static String overBudgetReason(Duration estimate, PointResult previous, Duration budget) {
        return String.format("estimated %s per operation (from %s at %s tasks) exceeds the %s budget",
                Durations.format(estimate), Durations.format(Duration.ofNanos((long) (previous.score() * 1e6))),
                TaskCounts.format(previous.point().tasks()), Durations.format(budget));
    }
}
