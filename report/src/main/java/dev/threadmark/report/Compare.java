package dev.threadmark.report;

import dev.threadmark.harness.MalformedResultsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code Compare BASELINE_RUN CANDIDATE_RUN [--alpha 0.05] [--min-effect 0.10] [--markdown FILE]}:
 * prints the benchstat-like comparison; exit 1 if anything regressed, 0 if not, 2 for bad input.
 */
public final class Compare {
    private Compare() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (MalformedResultsException | IllegalArgumentException | IOException e) {
            System.err.println("threadmark compare: " + e.getMessage());
            System.err.println("usage: Compare BASELINE_RUN CANDIDATE_RUN [--alpha 0.05] [--min-effect 0.10] [--markdown FILE]");
            System.exit(2);
        }
    }

    static int run(String... args) throws IOException {
        double alpha = Comparison.DEFAULT_ALPHA;
        double minEffect = Comparison.DEFAULT_MIN_EFFECT;
        Path markdown = null;
        Path baseline = null;
        Path candidate = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alpha" -> alpha = Args.number(args, ++i, "--alpha");
                case "--min-effect" -> minEffect = Args.number(args, ++i, "--min-effect");
                case "--markdown" -> markdown = Path.of(Args.value(args, ++i, "--markdown"));
                default -> {
                    if (baseline == null) {
                        baseline = Path.of(args[i]);
                    } else if (candidate == null) {
                        candidate = Path.of(args[i]);
                    } else {
                        throw new IllegalArgumentException("unexpected argument " + args[i]);
                    }
                }
            }
        }
        if (candidate == null) {
            throw new IllegalArgumentException("need a baseline and a candidate run directory");
        }
        List<Comparison.Row> rows = new Comparison(alpha, minEffect).compare(RunReader.read(baseline),
                RunReader.read(candidate));
        System.out.print(Comparison.format(rows, false));
        if (markdown != null) {
            Files.writeString(markdown, Comparison.format(rows, true), StandardCharsets.UTF_8);
        }
        boolean regressed = Comparison.anyRegression(rows);
        System.out.println(regressed ? "REGRESSION: at least one point got significantly worse" : "no regression");
        return regressed ? 1 : 0;
    }
}
