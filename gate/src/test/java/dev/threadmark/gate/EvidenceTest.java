package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The three rules' numbers against hand calculations (R: qt, pt). */
class EvidenceTest {
    @Test
    void nightsArePredictionIntervalsOverTheBaselineNights() {
        // nights 0, 0.02, -0.02, 0.01, -0.01: mean 0, sd = sqrt(0.001 / 4) = 0.0158114;
        // SE = sd * sqrt(1 + 1/5) = 0.0173205; candidate 0.05: t = 2.88675 on 4 df, p = 1 - pt(2.88675, 4) = 0.02237
        Evidence e = Evidence.nights(new double[] {0, 0.02, -0.02, 0.01, -0.01}, 0.05);
        assertEquals(0.05, e.effect(), 1e-12);
        assertEquals(0.0173205, e.se(), 1e-6);
        assertEquals(4, e.df());
        assertEquals(0.02237, e.pWorse(), 2e-4);
        assertEquals(1 - 0.02237, e.pBetter(), 2e-4);
        assertEquals("5 runs", e.basis());
        // alone among 10 points: qt(1 - 0.005, 4) = 4.604 → 4.604 * 0.0173205 = 0.07975
        assertEquals(0.07975, e.detectable(0.05, 10), 2e-4);
        assertThrows(IllegalArgumentException.class, () -> Evidence.nights(new double[] {0.1}, 0.2));
    }

    @Test
    void pairsAreTheMeanLogRatioOverTrials() {
        // 0.30, 0.25, 0.28, 0.27, 0.26: mean 0.272, sd 0.019235; SE = sd / sqrt(5) = 0.0086023; t = 31.6, df 4
        Evidence e = Evidence.pairs(new double[] {0.30, 0.25, 0.28, 0.27, 0.26});
        assertEquals(0.272, e.effect(), 1e-12);
        assertEquals(0.0086023, e.se(), 1e-6);
        assertTrue(e.pWorse() < 1e-5, "p " + e.pWorse());
        assertEquals("5 trials", e.basis());
    }

    @Test
    void forksAreWelchsT() {
        // a: 0, 0.01, 0.02 (mean 0.01, var 1e-4); b: 0.05, 0.07 (mean 0.06, var 2e-4)
        // SE = sqrt(1e-4/3 + 2e-4/2) = 0.011547; df = (1.3333e-4)^2 / ((3.333e-5)^2/2 + (1e-4)^2/1) = 1.6842
        Evidence e = Evidence.forks(new double[] {0, 0.01, 0.02}, new double[] {0.05, 0.07});
        assertEquals(0.05, e.effect(), 1e-12);
        assertEquals(0.011547, e.se(), 1e-6);
        assertEquals(1.6842, e.df(), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> Evidence.forks(new double[] {0}, new double[] {0, 1}));
    }

    @Test
    void equalSamplesHaveNoSpreadAndDecideByTheirSign() {
        Evidence e = Evidence.nights(new double[] {0.1, 0.1, 0.1}, 0.2);
        assertEquals(0, e.se(), 1e-15);
        assertEquals(0, e.pWorse(), 1e-12);
        assertEquals(1, e.pBetter(), 1e-12);
        assertEquals(0, e.detectable(0.05, 3), 1e-12);
    }
}
