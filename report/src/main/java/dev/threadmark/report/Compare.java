package dev.threadmark.report;

import dev.threadmark.results.MalformedResultsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code compare BASELINE CANDIDATE [--alpha 0.05] [--min-effect 0.10] [--markdown FILE]}:
 * prints the benchstat-like comparison; exit 1 if anything regressed, 0 if not, 2 for bad input.
 *
 * <p>BASELINE and CANDIDATE are two threadmark run directories, or two JMH result files
 * ({@code -rf json}) from any project: see {@link JmhFile} for how their entries are matched.
 * A run directory whose {@code run.status} says it did not complete is refused.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two runs point by point, like benchstat: two threadmark run directories, "
                + "or two JMH result files (-rf json) of any project."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no regression", "1:at least one point regressed", "2:bad input, a missing or an interrupted run"})
public final class Compare implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE", description = "run directory or JMH json file")
    private Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "run directory or JMH json file, the same kind")
    private Path candidate;

    @Mixin
    private GateOptions gate;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the table as Markdown to FILE")
    private Path markdown;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Compare()).execute(args));
    }

    @Override
    public Integer call() {
        try {
            return compare();
        } catch (MalformedResultsException | IOException e) {
            System.err.println("threadmark compare: " + e.getMessage());
            return 2;
        }
    }

    /** Parses {@code args} as the command line does and compares; bad input throws. */
    static int run(String... args) throws IOException {
        Compare compare = new Compare();
        new CommandLine(compare).parseArgs(args);
        return compare.compare();
    }

    private int compare() throws IOException {
        if (Files.isDirectory(baseline) != Files.isDirectory(candidate)) {
            throw new ParameterException(spec.commandLine(),
                    "compare two run directories or two JMH result files, not one of each");
        }
        Comparison comparison = gate.comparison(spec);
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
