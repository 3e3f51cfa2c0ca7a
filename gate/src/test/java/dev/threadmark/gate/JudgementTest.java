package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one decision step: untestable, regressed, slower, improved, same, allocation, in that order. */
class JudgementTest {
    private final Judgement judgement = new Judgement(0.05, 0.10, 0.50);

    private static Judgement.Case point(String name, Evidence e) {
        return new Judgement.Case(name, "ms/op", 10, 10 * Math.exp(e.effect()), e, null, Allocation.UNKNOWN, "");
    }

    /** Ten quiet points beside the ones under test, as a real run has. */
    private static List<Judgement.Case> withQuietOnes(Judgement.Case... cases) {
        List<Judgement.Case> all = new ArrayList<>(List.of(cases));
        for (int i = 0; i < 10; i++) {
            all.add(point("quiet" + i, Evidence.pairs(new double[] {0.01, -0.01, 0.005, -0.005, 0.0})));
        }
        return all;
    }

    private Verdict verdictOf(Judgement.Case c) {
        return judgement.judge(withQuietOnes(c)).getFirst().verdict();
    }

    @Test
    void aClearLoneSlowdownRegressesAndASmallOneIsOnlySlower() {
        assertEquals(Verdict.REGRESSED, verdictOf(point("a", Evidence.pairs(new double[] {0.26, 0.27, 0.25, 0.26, 0.27}))));
        assertEquals(Verdict.SLOWER, verdictOf(point("a", Evidence.pairs(new double[] {0.05, 0.051, 0.049, 0.05, 0.05}))),
                "significant, but under the 10 % minimum effect");
    }

    @Test
    void theMinimumEffectIsOnTheLogScaleInEitherDirection() {
        double tenPercent = Math.log(1.10);
        // just over ×1.1 slower, or just over ÷1.1 the throughput: the same effect toward worse
        assertEquals(Verdict.REGRESSED, verdictOf(point("a", Evidence.pairs(new double[] {tenPercent + 0.001,
            tenPercent + 0.0011, tenPercent + 0.0012, tenPercent + 0.0009, tenPercent + 0.001}))));
        assertEquals(Verdict.SLOWER, verdictOf(point("a", Evidence.pairs(new double[] {tenPercent - 0.001,
            tenPercent - 0.0011, tenPercent - 0.0012, tenPercent - 0.0009, tenPercent - 0.001}))));
        assertEquals(Verdict.IMPROVED, verdictOf(point("a", Evidence.pairs(new double[] {-0.2, -0.21, -0.19, -0.2, -0.2}))));
        assertEquals(Verdict.FASTER, verdictOf(point("a", Evidence.pairs(new double[] {-0.05, -0.051, -0.049, -0.05, -0.05}))));
    }

    @Test
    void aPointThatCouldNotFlagHalfAgainAloneIsUntestableNotSame() {
        // sd 0.3 over 5 trials: SE 0.134, qt(1 - 0.05/11, 4) = 5.3 → a lone point needs +103 %: not watched
        Judgement.Case noisy = point("a", Evidence.pairs(new double[] {0.3, -0.3, 0.2, -0.2, 0.4}));
        Judgement.Row row = judgement.judge(withQuietOnes(noisy)).getFirst();
        assertEquals(Verdict.UNTESTABLE, row.verdict());
        assertTrue(row.detectable() > 0.5, "detectable " + row.detectable());
    }

    @Test
    void moreAllocationIsARegressionOfItsOwn() {
        Evidence same = Evidence.pairs(new double[] {0.001, -0.001, 0.0, 0.002, -0.002});
        Judgement.Case allocates = new Judgement.Case("a", "ms/op", 10, 10, same, null,
                Allocation.of(new double[] {1000, 1001, 999}, new double[] {1060, 1061}), "");
        assertEquals(Verdict.ALLOCATES_MORE, verdictOf(allocates));
        assertTrue(Verdict.ALLOCATES_MORE.regression());
    }

    @Test
    void casesWithoutEvidenceKeepTheirVerdictAndDoNotCountInTheAdjustment() {
        Judgement.Case gone = new Judgement.Case("g", "ms/op", 10, Double.NaN, null, Verdict.GONE, Allocation.UNKNOWN, "");
        List<Judgement.Row> rows = judgement.judge(withQuietOnes(gone));
        assertEquals(Verdict.GONE, rows.getFirst().verdict());
        assertTrue(Double.isNaN(rows.getFirst().q()));
    }

    @Test
    void theGeometricMeanCountsEachPointTowardWorse() {
        // +10 % time and -10 % throughput are both worse: the mean is +10 %, not 0
        List<Judgement.Row> rows = judgement.judge(List.of(
                point("t", Evidence.pairs(new double[] {Math.log(1.1), Math.log(1.1)})),
                point("x", Evidence.pairs(new double[] {Math.log(1.1), Math.log(1.1)}))));
        assertEquals(0.10, Judgement.geomeanWorse(rows), 1e-9);
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Judgement(0, 0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Judgement(0.05, 0.6, 0.5));
    }
}
