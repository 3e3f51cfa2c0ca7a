package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatioTest {

    @Test
    void fiellerIntervalOfTwoNoisyScores() {
        // 100 ± 10 over 200 ± 20: R = 0.5, g = 0.01, spread = sqrt(100·0.99 + 0.25·400)/200
        Ratio r = Ratio.of(100, 10, 200, 20);
        double spread = Math.sqrt(100 * 0.99 + 0.25 * 400) / 200;
        assertEquals(0.5, r.value(), 1e-12);
        assertEquals((0.5 - spread) / 0.99, r.low(), 1e-12);
        assertEquals((0.5 + spread) / 0.99, r.high(), 1e-12);
        assertTrue(r.distinguishable());
        assertEquals("0.5× (99.9 % CI 0.434–0.576×)", r.format());
    }

    @Test
    void aDenominatorWhoseIntervalReachesZeroGivesNoBound() {
        // The case: user 154 ± 20 ms against virtual 1274 ± 1166 ms reaches 1; 1274 ± 1300 reaches 0.
        Ratio wide = Ratio.of(154, 20, 1274, 1166);
        assertTrue(wide.bounded());
        assertTrue(wide.low() < 0.121 && wide.high() > 1, wide.format());
        assertFalse(wide.distinguishable(), "an interval containing 1 is no win");
        Ratio none = Ratio.of(154, 20, 1274, 1300);
        assertFalse(none.bounded());
        assertFalse(none.distinguishable());
        assertTrue(none.format().endsWith("CI unbounded)"), none.format());
    }

    @Test
    void withoutErrorsThereIsNoInterval() {
        assertFalse(Ratio.of(1, Double.NaN, 2, 0.1).bounded());
    }
}
