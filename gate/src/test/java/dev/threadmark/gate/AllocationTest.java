package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllocationTest {
    @Test
    void aRiseBeyondTwoPercentAndSixteenBytesAndTheBaselinesRangeIsFlagged() {
        assertTrue(Allocation.of(new double[] {36_210, 36_230, 36_220}, new double[] {37_820, 37_830}).rose(),
                "+4.4 % of a steady 36 kB");
        assertFalse(Allocation.of(new double[] {36_210, 36_230, 36_220}, new double[] {36_800, 36_810}).rose(),
                "+1.6 %: within the 2 % tolerance");
        assertFalse(Allocation.of(new double[] {400, 401, 402}, new double[] {412, 413}).rose(),
                "+3 % of 400 B is 12 B: within the 16 B tolerance");
        assertFalse(Allocation.of(new double[] {75_000, 130_000, 110_000}, new double[] {125_000, 128_000}).rose(),
                "a point whose bytes wander by half: a rise inside the baseline's range is its wander");
        assertFalse(Allocation.of(new double[] {Double.NaN}, new double[] {1000}).rose(), "no profiler, no rule");
        assertFalse(Allocation.of(new double[] {74_265, 68_693, 73_595}, new double[] {75_510}).rose(),
                "user/sleep/100 on four nights of the same code: +2.6 %, above every earlier night, but within "
                        + "3 sd (3.05 kB) of nights that wander");
        assertTrue(Allocation.of(new double[] {74_265, 68_693, 73_595}, new double[] {90_000}).rose(),
                "+22 %: beyond their wander");
        assertFalse(Allocation.of(new double[] {36_210, 36_230}, new double[] {40_000}).rose(),
                "two baseline values: their spread is unknown, allocation is not judged");
    }
}
