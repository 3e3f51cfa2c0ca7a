package dev.threadmark.report;

import dev.threadmark.results.MalformedResultsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code Compare BASELINE CANDIDATE [--alpha 0.05] [--min-effect 0.10] [--markdown FILE]}:
 * prints the benchstat-like comparison; exit 1 if anything regressed, 0 if not, 2 for bad input.
 *
 * <p>BASELINE and CANDIDATE are two threadmark run directories, or two JMH result files
 * ({@code -rf json}) from any project: see {@link JmhFile} for how their entries are matched.
 * A run directory whose {@code run.status} says it did not complete is refused.
 */
public final class Compare {
    private static final String USAGE = "usage: Compare BASELINE CANDIDATE [--alpha 0.05] [--min-effect 0.10] "
            + "[--markdown FILE]   (two run directories, or two JMH -rf json files)";

    private Compare() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (MalformedResultsException | IllegalArgumentException | IOException e) {
            System.err.println("threadmark compare: " + e.getMessage());
            System.err.println(USAGE);
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
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    } else if (baseline == null) {
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
            throw new IllegalArgumentException("need a baseline and a candidate");
        }
        if (Files.isDirectory(baseline) != Files.isDirectory(candidate)) {
            throw new IllegalArgumentException("compare two run directories or two JMH result files, not one of each");
        }
        Comparison comparison = new Comparison(alpha, minEffect);
        List<Comparison.Row> rows = Files.isDirectory(baseline)
                ? comparison.compare(finished(baseline), finished(candidate))
                : comparison.compare(Comparison.oneRun(JmhFile.samples(baseline)), JmhFile.samples(candidate));
        System.out.print(Comparison.format(rows, false));
        String untestable = comparison.untestable(rows);
        if (!untestable.isEmpty()) {
            System.out.println(untestable);
        }
        if (markdown != null) {
            Files.writeString(markdown, Comparison.format(rows, true), StandardCharsets.UTF_8);
        }
        boolean regressed = Comparison.anyRegression(rows);
        System.out.println(regressed ? "REGRESSION: at least one point got significantly worse" : "no regression");
        return regressed ? 1 : 0;
    }

    private static RunData finished(Path dir) throws IOException {
        RunData run = RunReader.read(dir);
        if (!Pooling.completed(run.metadata())) {
            throw new MalformedResultsException(dir + ": run.status=" + run.meta("run.status")
                    + ": an incomplete run is neither a candidate nor a baseline");
        }
        return run;
    }
}
