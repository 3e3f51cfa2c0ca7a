package dev.threadmark.report;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The gate's two knobs, shared by {@code compare} and {@code nightly} (a picocli mixin): declared once. */
final class GateOptions {
    @Option(names = "--alpha", paramLabel = "A", defaultValue = "" + Comparison.DEFAULT_ALPHA,
            description = "significance level after Benjamini-Hochberg, in (0, 1); default ${DEFAULT-VALUE}")
    private double alpha;

    @Option(names = "--min-effect", paramLabel = "E", defaultValue = "" + Comparison.DEFAULT_MIN_EFFECT,
            description = "smallest change of the medians that counts, in [0, 1); default ${DEFAULT-VALUE}")
    private double minEffect;

    double alpha() {
        return alpha;
    }

    double minEffect() {
        return minEffect;
    }

    /** The comparison these options describe; out-of-range values are usage errors of {@code spec}. */
    Comparison comparison(CommandSpec spec) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new ParameterException(spec.commandLine(), "--alpha must be in (0, 1), got " + alpha);
        }
        if (!(minEffect >= 0 && minEffect < 1)) {
            throw new ParameterException(spec.commandLine(), "--min-effect must be in [0, 1), got " + minEffect);
        }
        return new Comparison(alpha, minEffect);
    }
}
