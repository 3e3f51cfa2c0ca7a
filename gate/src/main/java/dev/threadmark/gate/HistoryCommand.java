package dev.threadmark.gate;

import dev.threadmark.results.History;
import dev.threadmark.results.MalformedResultsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code history regressions RESULTS_DIR}: the open steps of every point's nightly series
 * ({@link Steps}), the regressions that persisted. {@code history accepted RESULTS_DIR}: the
 * commit of the newest trusted night with no regression, the nightly A/B's baseline.
 */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Reads the nightly history.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:regressions: open steps were found",
            "2:bad input, or no accepted night"})
public final class HistoryCommand {
    @Command(name = "regressions", mixinStandardHelpOptions = true,
            description = "Lists open steps: change points toward worse, by at least the minimum effect, that persist to the newest night.")
    int regressions(@Parameters(paramLabel = "RESULTS_DIR") Path results,
            @Option(names = "--min-effect", defaultValue = "" + Judgement.DEFAULT_MIN_EFFECT, paramLabel = "E",
                    description = "smallest step that counts; default ${DEFAULT-VALUE}") double minEffect) {
        try {
            List<dev.threadmark.results.StepsCsv.Step> open = Steps.open(History.read(results.resolve("history/history.csv")), minEffect);
            System.out.print(open.isEmpty() ? "no open steps\n" : Steps.format(open, false));
            return open.isEmpty() ? 0 : 1;
        } catch (MalformedResultsException | IOException e) {
            System.err.println("threadmark history: " + e.getMessage());
            return 2;
        }
    }

    @Command(name = "accepted", mixinStandardHelpOptions = true,
            description = "Prints the git commit of the newest trusted night on which the gate flagged nothing.")
    int accepted(@Parameters(paramLabel = "RESULTS_DIR") Path results) {
        try {
            List<History.Row> rows = History.read(results.resolve("history/history.csv"));
            Set<String> flagged = rows.stream().filter(History.Row::regressed).map(History.Row::runId)
                    .collect(Collectors.toSet());
            var accepted = rows.reversed().stream().filter(History.Row::trusted)
                    .filter(r -> !flagged.contains(r.runId()) && !r.gitSha().isBlank()).findFirst();
            if (accepted.isEmpty()) {
                System.err.println("threadmark history: no trusted night without a regression in " + results);
                return 2;
            }
            System.out.println(accepted.get().gitSha());
            return 0;
        } catch (MalformedResultsException | IOException e) {
            System.err.println("threadmark history: " + e.getMessage());
            return 2;
        }
    }
}
