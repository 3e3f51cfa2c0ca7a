package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VarianceComponentsTest {
    /** exp of a log-scale value, so the hand calculation happens on the log scale. */
    private static double[] e(double... logs) {
        return java.util.Arrays.stream(logs).map(Math::exp).toArray();
    }

    @Test
    void theThreeLevelsAreSetApartAsKaliberaAndJonesDo() {
        // Two nights of two forks of two iterations (log values):
        // night 1: fork (0, 0.02) mean 0.01, fork (0.04, 0.06) mean 0.05; night 2: (0.2, 0.22) 0.21, (0.24, 0.26) 0.25
        // S1² = mean within-fork variance = 0.0002; S2² = mean within-night variance of fork means = 0.0008;
        // night means 0.03, 0.23: S3² = 0.02
        // T1 = 0.0002; T2 = 0.0008 - 0.0002 / 2 = 0.0007; T3 = 0.02 - 0.0008 / 2 = 0.0196
        VarianceComponents v = VarianceComponents.of(List.of(
                new double[][] {e(0, 0.02), e(0.04, 0.06)}, new double[][] {e(0.2, 0.22), e(0.24, 0.26)}));
        assertEquals(0.0002, v.iteration(), 1e-12);
        assertEquals(0.0007, v.fork(), 1e-12);
        assertEquals(0.0196, v.night(), 1e-12);
        assertEquals(1, v.forksWorthRunning().getAsInt(), "4 × 0.0007 / 0.0196 = 0.14 → 1");
        // V = 0.0196 + 0.0007/2 + 0.0002/4 = 0.02; z(1 - 0.05) * sqrt(0.02) = 0.2326 > log(1.1): no number of nights
        assertTrue(v.nightsNeeded(0.05, 1, 0.10, 60).isEmpty());
        assertTrue(v.nightsNeeded(0.05, 1, 0.40, 60).isPresent(), "a 40 % change can be seen with enough nights");
    }

    @Test
    void oneNightCannotTellTheNightComponent() {
        VarianceComponents v = VarianceComponents.of(List.<double[][]>of(new double[][] {e(0, 0.02), e(0.04, 0.06)}));
        assertTrue(Double.isNaN(v.night()));
        assertTrue(v.nightsNeeded(0.05, 1, 0.10, 60).isEmpty());
        assertTrue(v.describe().startsWith("night ?"), v.describe());
    }
}
