package dev.threadmark.report;

import dev.threadmark.results.MalformedResultsException;
import dev.threadmark.results.RunMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The nightly step after a sweep: {@code nightly RESULTS_DIR [--keep K] [--baseline RUN_ID]
 * [--alpha 0.05] [--min-effect 0.10] [--summary FILE]}.
 *
 * <p>Takes the newest run as the candidate (refused if its {@code run.status} says it did not
 * complete), compares it with the rolling baseline or a pinned run, appends it to
 * {@code history/history.csv} with the gate's verdict per point, and prints the comparison and
 * a Markdown summary (also to {@code --summary}, e.g. {@code $GITHUB_STEP_SUMMARY}). Exit 1 on a
 * regression, 2 on bad input, 0 otherwise; the first night, with no baseline yet, is 0.
 *
 * <p><b>The rolling baseline</b>, per point: the last K (default 10) runs of the history older than
 * the candidate that completed and share its settings and environment ({@link Pooling}), leaving
 * out the runs on which the gate flagged that point. So a regression that persists does not
 * become its own baseline after a few nights: it is compared with the runs before it and reported
 * as "regressed since run X" (the first run of the unbroken streak of flagged nights) until it is
 * fixed or accepted. To accept it, compare with a pinned run that has it ({@code --baseline})
 * until such unflagged nights are most of the last K (K / 2 + 1 nights), or start a new history.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The nightly step after a sweep: compares the newest run under RESULTS_DIR with its rolling "
                + "baseline (or a pinned run), appends it to RESULTS_DIR/history/history.csv, renders its report and "
                + "prints a Markdown summary."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no regression (or no baseline yet)", "1:at least one point regressed",
            "2:bad input or an incomplete run"})
public final class Nightly implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "the results directory (runs/, history/)")
    private Path results;

    @Option(names = "--keep", paramLabel = "K", defaultValue = "10",
            description = "comparable runs pooled into the rolling baseline, at least 1; default ${DEFAULT-VALUE}")
    private int keep;

    @Option(names = "--baseline", paramLabel = "RUN_ID", description = "compare with this run instead of the rolling baseline")
    private String pinned;

    @Mixin
    private GateOptions gate;

    @Option(names = "--summary", paramLabel = "FILE", description = "append the Markdown summary to FILE, e.g. $GITHUB_STEP_SUMMARY")
    private Path summary;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Nightly()).execute(args));
    }

    @Override
    public Integer call() {
        try {
            return nightly();
        } catch (MalformedResultsException | IOException e) {
            System.err.println("threadmark nightly: " + e.getMessage());
            return 2;
        }
    }

    /** Parses {@code args} as the command line does and runs the nightly step; bad input throws. */
    static int run(String... args) throws IOException {
        Nightly nightly = new Nightly();
        new CommandLine(nightly).parseArgs(args);
        return nightly.nightly();
    }

    private int nightly() throws IOException {
        if (keep < 1) {
            throw new ParameterException(spec.commandLine(), "--keep must be at least 1, got " + keep
                    + ": no baseline is no gate");
        }
        if (!Files.isDirectory(results)) {
            throw new ParameterException(spec.commandLine(), "RESULTS_DIR " + results + " is not a directory");
        }
        Comparison comparison = gate.comparison(spec);
        double alpha = gate.alpha();
        double minEffect = gate.minEffect();
        Path candidateDir = Report.latest(results);
        RunData candidate = RunReader.read(candidateDir);
        if (!Pooling.completed(candidate.metadata())) {
            throw new MalformedResultsException(candidateDir + ": run.status=" + candidate.meta("run.status")
                    + ": an incomplete run is neither a candidate nor a baseline");
        }
        Path history = results.resolve("history").resolve("history.csv");
        List<History.Row> past = History.read(history);

        StringBuilder md = new StringBuilder("## threadmark nightly: ").append(candidate.id()).append("\n\n");
        busyMachine(candidate).ifPresent(note -> md.append(note).append("\n\n"));
        Map<String, Comparison.Verdict> verdicts = new HashMap<>();
        int exit = 0;
        Baseline baseline = pinned != null ? pinned(results, pinned, candidate)
                : rolling(results, candidate, keep, past);
        if (baseline.runs().isEmpty()) {
            md.append("No baseline yet: this is the first run in the history with these settings and this environment.\n");
        } else {
            List<Comparison.Row> rows = comparison.compare(baseline.perPoint(), Comparison.samples(candidate)).stream()
                    .map(r -> r.verdict() == Comparison.Verdict.REGRESSED && baseline.since().containsKey(r.name())
                            ? r.since(baseline.since().get(r.name())) : r)
                    .toList();
            rows.forEach(r -> verdicts.put(r.name(), r.verdict()));
            System.out.print(Comparison.format(rows, false));
            boolean regressed = Comparison.anyRegression(rows);
            exit = regressed ? 1 : 0;
            md.append(regressed ? "**Regression.** " : "No regression. ").append("Baseline: ")
                    .append(baseline.runs().size() == 1 ? "run " + baseline.runs().getFirst()
                            : "forks of the last " + baseline.runs().size() + " comparable runs pooled")
                    .append("; Mann–Whitney U on fork means, Benjamini–Hochberg q < ").append(alpha)
                    .append(", minimum effect ").append(Format.percent(minEffect))
                    .append(", beyond the baseline's run-to-run spread.\n\n");
            String untestable = comparison.untestable(rows);
            if (!untestable.isEmpty()) {
                md.append("**").append(untestable).append("**\n\n");
            }
            md.append(Comparison.format(rows, true));
        }
        boolean added = History.append(history, candidate, verdicts);
        System.out.println((added ? "added " : "already in history: ") + candidate.id() + " -> " + history);
        System.out.println(md);
        System.out.println("report with history: " + Report.run(candidateDir.toString()).toAbsolutePath().normalize());
        if (summary != null) {
            Files.writeString(summary, md.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        return exit;
    }

    /**
     * A warning when other processes took a noticeable share of the machine while the candidate
     * ran: the gate cannot tell their load from a regression in the code, and a loaded night flags
     * CPU-bound points by the dozen. Said, not acted on: the verdicts stand, so the history records
     * what was measured.
     */
    private static Optional<String> busyMachine(RunData run) {
        return run.busyMachine().map(what -> "**The machine was busy:** " + what
                + ". A point flagged tonight may be their load, not the code: run it again on an idle machine "
                + "before acting on it.");
    }

    /**
     * What the candidate is compared with.
     *
     * @param runs     the runs used, newest first
     * @param perPoint per point, the samples of the runs pooled for it
     * @param since    per point still flagged on the runs before: the first run of that streak
     */
    record Baseline(List<String> runs, Map<String, List<Comparison.Sample>> perPoint, Map<String, String> since) {}

    private static Baseline pinned(Path results, String runId, RunData candidate) throws IOException {
        Path dir = results.resolve("runs").resolve(runId);
        if (!Files.isDirectory(dir)) {
            throw new MalformedResultsException(dir + ": pinned baseline run not found");
        }
        RunData run = RunReader.read(dir);
        if (!Pooling.completed(run.metadata())) {
            throw new MalformedResultsException(dir + ": run.status=" + run.meta("run.status")
                    + ": an incomplete run is neither a candidate nor a baseline");
        }
        String differs = Pooling.differences(run.metadata(), candidate.metadata());
        if (!differs.isEmpty()) {
            System.out.println("pinned baseline differs from the candidate: " + differs);
        }
        return new Baseline(List.of(runId), Comparison.oneRun(Comparison.samples(run)), Map.of());
    }

    /** Per point, the last {@code keep} comparable runs on which the gate did not flag it (see the class comment). */
    static Baseline rolling(Path results, RunData candidate, int keep, List<History.Row> past) throws IOException {
        List<Path> comparable = comparableRuns(results, candidate, past.stream().map(History.Row::runId)
                .collect(Collectors.toSet()));
        Map<String, Map<String, Boolean>> flagged = new HashMap<>(); // run → point → flagged
        past.forEach(r -> flagged.computeIfAbsent(r.runId(), k -> new HashMap<>()).put(r.point(), r.regressed()));
        Map<String, List<Comparison.Sample>> perPoint = new LinkedHashMap<>();
        Map<String, String> since = new HashMap<>();
        Set<String> streakOver = new HashSet<>();
        List<String> used = new ArrayList<>();
        for (Path dir : comparable) {
            String id = dir.getFileName().toString();
            RunData run = RunReader.read(dir);
            for (Map.Entry<String, Comparison.Sample> e : Comparison.samples(run).entrySet()) {
                String point = e.getKey();
                boolean wasFlagged = flagged.getOrDefault(id, Map.of()).getOrDefault(point, false);
                if (wasFlagged && !streakOver.contains(point)) {
                    since.put(point, id); // runs come newest first: the last one set is the streak's first
                } else {
                    streakOver.add(point);
                }
                List<Comparison.Sample> samples = perPoint.computeIfAbsent(point, k -> new ArrayList<>());
                if (!wasFlagged && samples.size() < keep) {
                    samples.add(e.getValue());
                    if (!used.contains(id)) {
                        used.add(id);
                    }
                }
            }
            // Older runs can change nothing once every point has its K runs and its streak is known.
            if (perPoint.values().stream().allMatch(l -> l.size() >= keep) && streakOver.containsAll(perPoint.keySet())) {
                break;
            }
        }
        perPoint.values().removeIf(List::isEmpty);
        return new Baseline(used, perPoint, since);
    }

    /**
     * The history's runs older than the candidate, newest first, that completed and share its
     * settings and environment; the others are named with what differs.
     */
    static List<Path> comparableRuns(Path results, RunData candidate, Set<String> nightlies) throws IOException {
        try (Stream<Path> s = Files.list(results.resolve("runs"))) {
            List<Path> older = s.filter(d -> Files.exists(d.resolve(RunMetadata.FILE_NAME)))
                    .filter(d -> nightlies.contains(d.getFileName().toString()))
                    .filter(d -> d.getFileName().toString().compareTo(candidate.id()) < 0)
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed()).toList();
            List<Path> comparable = new ArrayList<>();
            for (Path d : older) {
                Map<String, String> meta = RunMetadata.read(d.resolve(RunMetadata.FILE_NAME)).asMap();
                String differs = Pooling.differences(meta, candidate.metadata());
                if (!Pooling.completed(meta)) {
                    System.out.println("not pooled: " + d.getFileName() + " (run.status=" + meta.get("run.status") + ")");
                } else if (!differs.isEmpty()) {
                    System.out.println("not pooled: " + d.getFileName() + " (" + differs + ")");
                } else {
                    comparable.add(d);
                }
            }
            return comparable;
        }
    }
}
