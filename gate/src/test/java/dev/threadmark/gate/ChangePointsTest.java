package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * E-divisive change points on made-up nightly series: Gaussian noise on a log scale, with steps
 * and odd nights put in by hand. Every series is drawn from a fixed seed, so each test sees the
 * same numbers on every run. 199 permutations: the smallest p-value is 1/200, ten times below 0.05.
 */
class ChangePointsTest {
    private static final double ALPHA = 0.05;
    private static final int PERMUTATIONS = 199;
    private static final double THIRTY_PERCENT = Math.log(1.3);

    @Test
    void aThirtyPercentStepIsFoundWhereItHappened() {
        double[] series = noise(40, 0.03, 1);
        raise(series, 20, 40, THIRTY_PERCENT);
        List<ChangePoints.Step> steps = ChangePoints.detect(series, ALPHA, PERMUTATIONS, 3, 42);
        assertEquals(1, steps.size(), steps::toString);
        ChangePoints.Step step = steps.getFirst();
        assertTrue(Math.abs(step.index() - 20) <= 1, step::toString);
        assertEquals(0, step.before(), 0.02, "the mean of the nights before");
        assertEquals(THIRTY_PERCENT, step.after(), 0.02, "the mean of the nights after");
        // No shuffle comes near a step of more than eight noise deviations: p is the smallest there is, (1 + 0) / (1 + 199).
        assertEquals(1.0 / (1 + PERMUTATIONS), step.p(), 1e-12);

        for (long seed = 2; seed <= 20; seed++) {
            double[] other = noise(40, 0.03, seed);
            raise(other, 20, 40, THIRTY_PERCENT);
            List<ChangePoints.Step> found = ChangePoints.detect(other, ALPHA, PERMUTATIONS, 3, seed);
            assertTrue(found.stream().anyMatch(s -> Math.abs(s.index() - 20) <= 1), "noise " + seed + ": " + found);
        }
    }

    @Test
    void aRegressionAndItsFixAreTwoSteps() {
        // 30 % slower from night 20, back to normal from night 40: one split of the whole series
        // cannot describe it, the search must go on inside the segments.
        double[] series = noise(60, 0.03, 3);
        raise(series, 20, 40, THIRTY_PERCENT);
        List<ChangePoints.Step> steps = ChangePoints.detect(series, ALPHA, PERMUTATIONS, 3, 42);
        assertEquals(2, steps.size(), steps::toString);
        ChangePoints.Step up = steps.get(0);
        ChangePoints.Step down = steps.get(1);
        assertTrue(Math.abs(up.index() - 20) <= 1 && Math.abs(down.index() - 40) <= 1, steps::toString);
        // Each side is the segment up to the neighbouring step, not everything before or after:
        // the regression's "after" is the slow nights alone, not their mean with the fixed ones.
        assertEquals(0, up.before(), 0.02);
        assertEquals(THIRTY_PERCENT, up.after(), 0.02);
        assertEquals(up.after(), down.before(), 0, "the same segment");
        assertEquals(0, down.after(), 0.02);
        assertTrue(up.p() <= ALPHA && down.p() <= ALPHA, steps::toString);
    }

    @Test
    void aSmallStepAfterALargeOneIsStillFound() {
        // Twice as slow from night 20, then 10 % slower again from night 40. The second test shuffles
        // nights only within the segments the first step made; shuffled across the large step,
        // every segment would mix fast and slow nights and outscore the small step.
        double[] series = noise(60, 0.03, 1);
        raise(series, 20, 60, Math.log(2));
        raise(series, 40, 60, Math.log(1.1));
        List<ChangePoints.Step> steps = ChangePoints.detect(series, ALPHA, PERMUTATIONS, 3, 1);
        assertEquals(2, steps.size(), steps::toString);
        assertTrue(Math.abs(steps.get(0).index() - 20) <= 1 && Math.abs(steps.get(1).index() - 40) <= 1,
                steps::toString);
        assertEquals(Math.log(1.1), steps.get(1).after() - steps.get(1).before(), 0.03);
    }

    @Test
    void pureNoiseHasAFalseStepAboutAlphaOfTheTime() {
        int series = 200;
        int withAStep = 0;
        for (long seed = 0; seed < series; seed++) {
            if (!ChangePoints.detect(noise(30, 0.05, 1000 + seed), ALPHA, PERMUTATIONS, 3, seed).isEmpty()) {
                withAStep++;
            }
        }
        double rate = (double) withAStep / series;
        assertTrue(rate <= 0.10, "false-step rate " + rate + " with alpha " + ALPHA);
        // And not far below: a test that never fired would pass the line above. At a true rate of
        // 0.05, fewer than 2 of 200 happens with a probability under 0.1 %.
        assertTrue(rate >= 0.01, "false-step rate " + rate + ": the permutation test is far too strict");
    }

    @Test
    void oneBadNightIsNotAStep() {
        for (int night : new int[] {0, 40, 79}) {
            double[] series = noise(80, 0.03, 11);
            series[night] += Math.log(1.5);
            assertEquals(List.of(), ChangePoints.detect(series, ALPHA, PERMUTATIONS, 3, 42), "a +50 % night " + night);
        }
        // What keeps the newest night from being a step is minSegment: with segments of one night
        // allowed, the same series has a step that marks off the last night alone.
        double[] series = noise(80, 0.03, 11);
        series[79] += Math.log(1.5);
        List<ChangePoints.Step> steps = ChangePoints.detect(series, ALPHA, PERMUTATIONS, 1, 42);
        assertEquals(List.of(79), steps.stream().map(ChangePoints.Step::index).toList(), steps::toString);
    }

    @Test
    void aConstantSeriesHasNoStep() {
        double[] flat = new double[40];
        Arrays.fill(flat, 0.7);
        // Every split scores Q = 0 and so does every shuffle: ties count against the candidate, p = 1.
        assertEquals(List.of(), ChangePoints.detect(flat, ALPHA, PERMUTATIONS, 3, 42));
        assertEquals(List.of(), ChangePoints.detect(flat, ALPHA, PERMUTATIONS, 1, 42));
    }

    @Test
    void aSeriesShorterThanTwoSegmentsHasNoStep() {
        double[] short19 = noise(19, 0.03, 5);
        raise(short19, 9, 19, THIRTY_PERCENT);
        assertEquals(List.of(), ChangePoints.detect(short19, ALPHA, PERMUTATIONS, 10, 42), "19 nights, 10 a side");
        assertEquals(List.of(), ChangePoints.detect(new double[0], ALPHA, PERMUTATIONS, 1, 42));
        assertEquals(List.of(), ChangePoints.detect(new double[] {1}, ALPHA, PERMUTATIONS, 1, 42));
        // One night more and the same kind of step is found: the refusal above is the length, not the step.
        double[] twenty = noise(20, 0.03, 5);
        raise(twenty, 10, 20, THIRTY_PERCENT);
        List<ChangePoints.Step> steps = ChangePoints.detect(twenty, ALPHA, PERMUTATIONS, 10, 42);
        assertEquals(List.of(10), steps.stream().map(ChangePoints.Step::index).toList(), steps::toString);
    }

    @Test
    void nanAndInfinityAreRefused() {
        double[] series = noise(40, 0.03, 1);
        series[39] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> ChangePoints.detect(series, ALPHA, PERMUTATIONS, 3, 42));
        series[39] = Double.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> ChangePoints.detect(series, ALPHA, PERMUTATIONS, 3, 42));
    }

    @Test
    void settingsThatCouldNeverFindAStepAreRefused() {
        double[] series = noise(40, 0.03, 1);
        // 10 permutations: the smallest p-value is 1/11, above 0.05.
        assertThrows(IllegalArgumentException.class, () -> ChangePoints.detect(series, ALPHA, 10, 3, 42));
        assertThrows(IllegalArgumentException.class, () -> ChangePoints.detect(series, 0, PERMUTATIONS, 3, 42));
        assertThrows(IllegalArgumentException.class, () -> ChangePoints.detect(series, ALPHA, PERMUTATIONS, 0, 42));
    }

    @Test
    void theSameSeedGivesTheSameSteps() {
        // A step of one noise deviation: found, but some shuffles beat it, so its p-value depends on the shuffles.
        double[] series = noise(40, 0.03, 5);
        raise(series, 20, 40, 0.03);
        List<ChangePoints.Step> first = ChangePoints.detect(series, ALPHA, PERMUTATIONS, 3, 7);
        assertEquals(1, first.size(), first::toString);
        assertEquals(first, ChangePoints.detect(series, ALPHA, PERMUTATIONS, 3, 7), "the nightly and the report agree");
        assertNotEquals(1.0 / (1 + PERMUTATIONS), first.getFirst().p(), "shuffles did beat the step");
        Set<Double> pValues = new HashSet<>();
        for (long seed = 1; seed <= 8; seed++) {
            ChangePoints.detect(series, ALPHA, PERMUTATIONS, 3, seed).forEach(s -> pValues.add(s.p()));
        }
        assertTrue(pValues.size() > 1, "the seed is what fixes the shuffles: " + pValues);
    }

    /** n nights of Gaussian noise with standard deviation sd around 0 (a log-scale level of 1). */
    private static double[] noise(int n, double sd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] series = new double[n];
        for (int i = 0; i < n; i++) {
            series[i] = sd * random.nextGaussian();
        }
        return series;
    }

    private static void raise(double[] series, int from, int to, double by) {
        for (int i = from; i < to; i++) {
            series[i] += by;
        }
    }
}
