package dev.threadmark.harness;

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
        assertTrue(Budget.overBudgetReason(Duration.ofSeconds(50), at10k, Duration.ofSeconds(10))
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
    void taskCountsReadLikePeopleWriteThem() {
        assertEquals("1", TaskCounts.format(1));
        assertEquals("100", TaskCounts.format(100));
        assertEquals("10k", TaskCounts.format(10_000));
        assertEquals("1M", TaskCounts.format(1_000_000));
        assertEquals("1500", TaskCounts.format(1_500));
    }
}
