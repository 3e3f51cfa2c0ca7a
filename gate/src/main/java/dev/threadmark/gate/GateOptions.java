package dev.threadmark.gate;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The gate's knobs, shared by {@code ab}, {@code compare} and {@code nightly} (a picocli mixin): declared once. */
final class GateOptions {
    @Option(names = "--alpha", paramLabel = "A", defaultValue = "" + Judgement.DEFAULT_ALPHA,
            description = "significance level after Benjamini-Hochberg, in (0, 1); default ${DEFAULT-VALUE}")
    private double alpha;

    @Option(names = "--min-effect", paramLabel = "E", defaultValue = "" + Judgement.DEFAULT_MIN_EFFECT,
            description = "smallest change that counts, on the log scale in the point's direction (0.10: ×1.1 slower "
                    + "or ÷1.1 the throughput), in [0, 1); default ${DEFAULT-VALUE}")
    private double minEffect;

    @Option(names = "--blind-beyond", paramLabel = "B", defaultValue = "" + Judgement.DEFAULT_BLIND_BEYOND,
            description = "a point that could not flag a lone change this large is untestable; default ${DEFAULT-VALUE}")
    private double blindBeyond;

    /** The judgement these options describe; out-of-range values are usage errors of {@code spec}. */
    Judgement judgement(CommandSpec spec) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new ParameterException(spec.commandLine(), "--alpha must be in (0, 1), got " + alpha);
        }
        if (!(minEffect >= 0 && minEffect < 1)) {
            throw new ParameterException(spec.commandLine(), "--min-effect must be in [0, 1), got " + minEffect);
        }
        if (!(blindBeyond > minEffect)) {
            throw new ParameterException(spec.commandLine(), "--blind-beyond must exceed --min-effect, got " + blindBeyond);
        }
        return new Judgement(alpha, minEffect, blindBeyond);
    }

    /** The rule in one sentence, for summaries: what the samples were and what flags a point. */
    static String rule(Judgement j, String samples) {
        return "Samples: " + samples + "; one-sided t toward worse, Benjamini–Hochberg q < " + j.alpha()
                + ", minimum effect " + dev.threadmark.report.Format.percent(j.minEffect())
                + "; a point that could not flag a lone change of " + dev.threadmark.report.Format.percent(j.blindBeyond())
                + " is untestable; allocation per operation is gated on its own (above +2 %, +16 B, 3 sd of the baseline and its range).";
    }
}
