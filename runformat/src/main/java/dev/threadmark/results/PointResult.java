package dev.threadmark.results;

import java.util.Objects;

/**
 * One row of a run's results. Score, error and confidence interval are JMH's (99.9 % CI by
 * default); for points that were not measured they are {@code NaN} and {@code reason} says why.
 * {@code gc} is what the GC profiler saw ({@link GcFigures#NONE} where it did not run).
 */
public record PointResult(Point point, RunParameters parameters, double score, double error, double ciLow,
        double ciHigh, String unit, long samples, PointStatus status, String reason, GcFigures gc) {

    /** A row without GC figures: runtime-stage rows, and runs made before the profiler ran on every point. */
    public PointResult(Point point, RunParameters parameters, double score, double error, double ciLow,
            double ciHigh, String unit, long samples, PointStatus status, String reason) {
        this(point, parameters, score, error, ciLow, ciHigh, unit, samples, status, reason, GcFigures.NONE);
    }

    public PointResult {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(status, "status");
        unit = unit == null ? "" : unit;
        reason = reason == null ? "" : reason;
        gc = gc == null ? GcFigures.NONE : gc;
    }

    public static PointResult notMeasured(Point point, RunParameters parameters, PointStatus status, String reason) {
        return notMeasured(point, parameters, "ms/op", status, reason);
    }

    public static PointResult notMeasured(Point point, RunParameters parameters, String unit, PointStatus status,
            String reason) {
        return new PointResult(point, parameters, Double.NaN, Double.NaN, Double.NaN, Double.NaN, unit, 0, status,
                reason);
    }

    public boolean measured() {
        return status == PointStatus.OK;
    }
}
