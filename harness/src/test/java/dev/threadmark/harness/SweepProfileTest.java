package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepProfileTest {

    @Test
    void anOperationThatFillsAnIterationIsMeasuredSingleShot() {
        SweepProfile full = SweepProfile.FULL;
        assertFalse(full.singleShot(full.measurementTime().minusMillis(1)));
        assertTrue(full.singleShot(full.measurementTime()));
        assertTrue(full.singleShotMeasured() * full.forks() >= 10, "full: at least 10 measured operations over the forks");
        assertTrue(full.forks() >= 2);
    }

    @Test
    void expectedTimeCountsOneIterationPerOperationInSingleShot() {
        SweepProfile p = new SweepProfile("t", 2, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), 2, 5,
                List.of(1), 1, Duration.ofSeconds(10));
        Duration startup = p.expectedPointTime(Duration.ZERO).minus(Duration.ofSeconds(8)).dividedBy(2);
        // time mode, short op: (1 + 3) iterations of 1 s per fork
        assertEquals(Duration.ofSeconds(8).plus(startup.multipliedBy(2)), p.expectedPointTime(Duration.ofMillis(1)));
        // single shot, 2 s op: (2 + 5) operations per fork
        assertEquals(Duration.ofSeconds(28).plus(startup.multipliedBy(2)), p.expectedPointTime(Duration.ofSeconds(2)));
    }

    @Test
    void quickRunsSocketAndNativeSleepAtTheirOwnCountFullAtEveryCount() {
        assertEquals(List.of(100), SweepProfile.QUICK.taskCountsFor("socket"));
        assertEquals(List.of(100), SweepProfile.QUICK.taskCountsFor("native-sleep"));
        assertEquals(SweepProfile.QUICK.taskCounts(), SweepProfile.QUICK.taskCountsFor("sleep"));
        assertEquals(List.of(SweepProfile.QUICK.mixedTasks()), SweepProfile.QUICK.taskCountsFor("mixed-50"));
        assertEquals(SweepProfile.ALL_COUNTS, SweepProfile.FULL.taskCountsFor("socket"), "full: socket up to 1M");
        assertEquals(SweepProfile.ALL_COUNTS, SweepProfile.FULL.taskCountsFor("native-sleep"));
        assertEquals(List.of(1, 10), SweepProfile.QUICK.withTaskCounts(List.of(1, 10)).taskCountsFor("socket"),
                "counts from the command line are for every workload");
        assertEquals(List.of(100), SweepProfile.QUICK.withBudget(Duration.ofSeconds(1)).taskCountsFor("socket"));
        // The nightly's --forks 3 once dropped them: its quick sweeps ran socket and native-sleep at every count.
        assertEquals(List.of(100), SweepProfile.QUICK.withForks(3).taskCountsFor("socket"), "more forks, same counts");
        assertEquals(List.of(100), SweepProfile.QUICK.withMixedTasks(50).taskCountsFor("native-sleep"));
    }
}
