package dev.threadmark.gate;

import java.util.Map;
import java.util.Optional;

/**
 * JMH's score units, so that two runs measured with different {@code -tu} compare: time per
 * operation ({@code ns/op} … {@code s/op}, and {@code min/op}) converts to time per operation,
 * throughput ({@code ops/ns} … {@code ops/min}) to throughput. Anything else (bytes, a custom
 * {@code @AuxCounters} unit) must match exactly. A time and a throughput never compare: their
 * directions are opposite, and one is not the other's inverse once averaged over iterations.
 */
final class Units {
    private Units() {}

    private static final Map<String, Double> SECONDS = Map.of("ns", 1e-9, "us", 1e-6, "µs", 1e-6, "ms", 1e-3, "s", 1.0,
            "min", 60.0);

    /** The factor that turns a value in {@code from} into one in {@code to}; empty when they cannot convert. */
    static Optional<Double> factor(String from, String to) {
        if (from.equals(to)) {
            return Optional.of(1.0);
        }
        Optional<Double> a = perOp(from);
        Optional<Double> b = perOp(to);
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(a.get() / b.get());
        }
        Optional<Double> c = opsPer(from);
        Optional<Double> d = opsPer(to);
        if (c.isPresent() && d.isPresent()) {
            return Optional.of(d.get() / c.get());
        }
        return Optional.empty();
    }

    /** "ms/op": seconds per unit of time. */
    private static Optional<Double> perOp(String unit) {
        return unit.endsWith("/op") ? Optional.ofNullable(SECONDS.get(unit.substring(0, unit.length() - 3)))
                : Optional.empty();
    }

    /** "ops/ms": seconds per unit of time in the denominator. */
    private static Optional<Double> opsPer(String unit) {
        return unit.startsWith("ops/") ? Optional.ofNullable(SECONDS.get(unit.substring(4))) : Optional.empty();
    }

    /** The measurement in {@code unit}; bad input (an exception naming the point) when it cannot be. */
    static Measurement in(Measurement m, String unit, String point) {
        double f = factor(m.unit(), unit).orElseThrow(() -> new dev.threadmark.results.MalformedResultsException(
                point + ": measured in " + m.unit() + " in one run and in " + unit + " in another: they do not compare"));
        if (f == 1.0) {
            return m;
        }
        double[][] forks = new double[m.forks().length][];
        for (int i = 0; i < forks.length; i++) {
            forks[i] = java.util.Arrays.stream(m.forks()[i]).map(v -> v * f).toArray();
        }
        return new Measurement(unit, m.mode(), m.lowerIsBetter(), forks, m.measured(), m.failed(), m.allocPerOp());
    }
}
