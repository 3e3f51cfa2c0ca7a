package dev.threadmark.harness;

import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.RunParameters;
import dev.threadmark.results.TaskCounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetTest {
    private static final RunParameters PARAMS = new RunParameters(10, 1, 200, 2);

    @Test
    void scalesTheLastMeasuredPointLinearly() {
        PointResult at10k = new PointResult(new Point("sleep", "platform-pool", 10_000), PARAMS, 500, 5, 495, 505,
                "ms/op", 4, PointStatus.OK, "");
        assertEquals(Optional.of(Duration.ofSeconds(50)), Budget.estimate(Optional.of(at10k), 1_000_000));
        assertTrue(Budget.overBudgetReason(Duration.ofSeconds(50), Optional.of(at10k), Duration.ofSeconds(10))
                .equals("estimated 50.0 s per operation (from 500.0 ms at 10k tasks) exceeds the 10.0 s budget"));
    }

    @Test
    void noEstimateWithoutAMeasuredPoint() {
        PointResult failed = PointResult.notMeasured(new Point("sleep", "platform", 100_000), PARAMS,
                PointStatus.FAILED, "x");
        assertEquals(Optional.empty(), Budget.estimate(Optional.of(failed), 1_000_000));
        assertEquals(Optional.empty(), Budget.estimate(Optional.empty(), 10));
    }

    @Test
    void aBlendIsEstimatedByTheLeastAnyScheduleNeeds() {
        // 1 000 blends of 10 ms at 50 % CPU on 2 cores: 1 000 x 5 ms / 2 + the last 5 ms wait.
        Point blend = new Point("mixed-50", "virtual", 1_000);
        assertEquals(Optional.of(Duration.ofMillis(2_505)), Budget.lowerBound(blend, PARAMS, 2));
        assertEquals(Optional.of(Duration.ofMillis(10)), Budget.lowerBound(new Point("mixed-0", "user", 1_000), PARAMS, 2));
        assertEquals(Optional.empty(), Budget.lowerBound(new Point("sleep", "virtual", 1_000), PARAMS, 2));
        assertEquals("estimated 2.5 s per operation (the least any schedule needs) exceeds the 2.0 s budget",
                Budget.overBudgetReason(Duration.ofMillis(2_505), Optional.empty(), Duration.ofSeconds(2)));
    }

    @Test
    void taskCountsReadLikePeopleWriteThem() {
        assertEquals("1", TaskCounts.format(1));
        assertEquals("100", TaskCounts.format(100));
        assertEquals("10k", TaskCounts.format(10_000));
        assertEquals("1M", TaskCounts.format(1_000_000));
        assertEquals("1500", TaskCounts.format(1_500));
    }
}
