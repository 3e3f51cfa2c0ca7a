package dev.threadmark.gate;

import dev.threadmark.report.RunData;
import dev.threadmark.report.RunReader;
import dev.threadmark.results.MalformedResultsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * {@code compare BASELINE… CANDIDATE [--alpha 0.05] [--min-effect 0.10] [--markdown FILE]}:
 * judges the last run against the ones before it, with the history gate's rule ({@link RunsJudge}):
 * with several baselines the run is the unit (a prediction interval over them); with one, the
 * forks are, which holds only for two runs made back to back on one machine. Exit 1 if anything
 * regressed, 0 if not, 2 for bad input.
 *
 * <p>The runs are threadmark run directories or JMH result files ({@code -rf json}) of any project
 * ({@link JmhFile}), all of one kind. A run directory that did not complete is refused; one the
 * gate does not trust ({@link Trust}) is left out of the baseline, and named.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Judges the last run against the ones before it: threadmark run directories, or JMH result "
                + "files (-rf json) of any project. Several baselines: the run is the unit; one: the forks are "
                + "(valid for two runs made back to back)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no regression", "1:at least one point regressed", "2:bad input, a missing or an interrupted run"})
public final class Compare implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RUN", description = "BASELINE... CANDIDATE: run directories or JMH json files; the last is the candidate")
    private List<Path> runs;

    @Mixin
    private GateOptions gate;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the table as Markdown to FILE")
    private Path markdown;

    @Spec
    private CommandSpec spec;

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
        boolean dirs = Files.isDirectory(runs.getFirst());
        if (runs.stream().anyMatch(r -> Files.isDirectory(r) != dirs)) {
            throw new ParameterException(spec.commandLine(), "compare run directories or JMH result files, not a mix");
        }
        Judgement judgement = gate.judgement(spec);
        List<Map<String, Measurement>> baselines = new ArrayList<>();
        for (Path run : runs.subList(0, runs.size() - 1)) {
            if (!dirs) {
                baselines.add(JmhFile.measurements(run));
                continue;
            }
            RunData data = finished(run);
            var distrust = Trust.distrust(data.metadata());
            if (distrust.isPresent()) {
                System.out.println("not in the baseline: " + run + " (" + distrust.get() + ")");
            } else {
                baselines.add(Measurement.of(data));
            }
        }
        Path last = runs.getLast();
        Map<String, Measurement> candidate;
        if (dirs) {
            RunData data = finished(last);
            Trust.distrust(data.metadata()).ifPresent(why -> System.out.println("the candidate is not evidence: " + why
                    + "; its verdicts say what this run measured, not what the code does: rerun it on a quiet machine"));
            candidate = Measurement.of(data);
        } else {
            candidate = JmhFile.measurements(last);
        }
        if (baselines.isEmpty()) {
            throw new MalformedResultsException("no baseline left to compare with");
        }
        List<Judgement.Row> rows = judgement.judge(RunsJudge.cases(RunsJudge.perPoint(baselines), candidate, judgement,
                RunsJudge.OneRun.FORKS));
        System.out.print(Table.format(rows, false));
        String basis = baselines.size() == 1 ? "one baseline run: the forks of the two runs (valid only for two runs made "
                + "back to back on one machine)" : baselines.size() + " baseline runs, the run as the unit (prediction interval)";
        System.out.println(GateOptions.rule(judgement, basis));
        if (markdown != null) {
            Files.writeString(markdown, Table.format(rows, true), StandardCharsets.UTF_8);
        }
        boolean regressed = Judgement.anyRegression(rows);
        System.out.println(Table.outcome(regressed));
        return regressed ? 1 : 0;
    }

    static RunData finished(Path dir) throws IOException {
        RunData run = RunReader.read(dir);
        if (!Pooling.completed(run.metadata())) {
            throw new MalformedResultsException(dir + ": run.status=" + run.meta("run.status")
                    + ": an incomplete run is neither a candidate nor a baseline");
        }
        return run;
    }
}
