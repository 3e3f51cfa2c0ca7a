package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import java.util.Optional;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A score as the mean of its n measured samples, with the standard error recovered from JMH's
 * error.
 *
 * <p>JMH's error is the half-width h of a 99.9 % Student-t interval over every measured sample
 * of a point, h = t_{0.9995, n − 1} · SE, where n is JMH's sample count (the {@code samples}
 * column of {@code points.csv} and {@code runtime.csv}: in {@code avgt} and {@code ss} modes, all
 * measured iterations of all forks). So SE = h / t_{0.9995, n − 1}. Two points with different n
 * have different t, so a half-width cannot stand in for SE where two are combined.
 *
 * @param value         the score
 * @param standardError the score's standard error
 * @param df            degrees of freedom, n − 1
 */
record SampleMean(double value, double standardError, long df) {
    /** The confidence level of JMH's error (its default, which the harness keeps). */
    static final double JMH_LEVEL = 0.999;

    /** The point's mean, or empty when it has no finite error or fewer than two samples. */
    static Optional<SampleMean> of(PointResult p) {
        return of(p.score(), p.error(), p.samples());
    }

    /** From a score, JMH's 99.9 % half-width and its sample count; empty as {@link #of(PointResult)}. */
    static Optional<SampleMean> of(double score, double halfWidth, long samples) {
        if (!Double.isFinite(score) || !Double.isFinite(halfWidth) || halfWidth < 0 || samples < 2) {
            return Optional.empty();
        }
        double t = TDistribution.of(samples - 1).inverseSurvivalProbability((1 - JMH_LEVEL) / 2);
        return Optional.of(new SampleMean(score, halfWidth / t, samples - 1));
    }
}
