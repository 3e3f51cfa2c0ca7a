package dev.threadmark.gate;

import dev.threadmark.report.Report;
import dev.threadmark.report.RunData;
import dev.threadmark.report.RunReader;
import dev.threadmark.results.History;
import dev.threadmark.results.MalformedResultsException;
import dev.threadmark.results.Verdict;
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
 * The nightly step after a sweep: {@code nightly RESULTS_DIR [--keep K] [--accept-from RUN_ID]
 * [--alpha 0.05] [--min-effect 0.10] [--summary FILE]}. The history gate; the A/B ({@link Ab})
 * is the primary one, this one watches the long run.
 *
 * <p>Takes the newest run as the candidate (refused if it did not complete). A run the gate does
 * not trust ({@link Trust}: a busy machine, forks without their cores) is recorded in the history
 * with the reason and not judged: the summary says "rerun". Otherwise each point is judged
 * against its baseline nights ({@link RunsJudge}: one sample per night, a one-sided prediction
 * interval over them), the history's change points are searched ({@link Steps}), the run is
 * appended to {@code history/history.csv} with the verdicts, and the comparison, the noise per
 * point ({@link VarianceComponents}) and a Markdown summary are printed (also to
 * {@code --summary}). Exit 1 on a regression, 2 on bad input, 0 otherwise (also the first night
 * and an untrusted one).
 *
 * <p><b>The baseline</b>, per point: the last K (default 10) nights of the history older than the
 * candidate that completed, are trusted and share its settings and environment ({@link Pooling}),
 * leaving out the nights on which the gate found that point worse ({@link Verdict#baselineWorthy}). So a
 * regression that persists does not become its own baseline: it is compared with the nights
 * before it and reported as "regressed since run X" until it is fixed, or accepted: with
 * {@code --accept-from X} the baseline is the nights from X on, flagged or not (untestable until
 * there are two of them). Pass it until K nights have been judged with it: those nights are then
 * recorded unflagged at the new level and make up the rolling baseline without it.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The nightly step after a sweep: judges the newest run under RESULTS_DIR against its baseline "
                + "nights, appends it to RESULTS_DIR/history/history.csv, renders its report and "
                + "prints a Markdown summary."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no regression (or no baseline yet, or an untrusted run: rerun)", "1:at least one point regressed",
            "2:bad input or an incomplete run"})
public final class Nightly implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "the results directory (runs/, history/)")
    private Path results;

    @Option(names = "--keep", paramLabel = "K", defaultValue = "10",
            description = "baseline nights per point, at least 2; default ${DEFAULT-VALUE}")
    private int keep;

    @Option(names = "--accept-from", paramLabel = "RUN_ID",
            description = "baseline nights start at this run, flagged or not: accepts the change it brought")
    private String acceptFrom;

    @Mixin
    private GateOptions gate;

    @Option(names = "--summary", paramLabel = "FILE", description = "append the Markdown summary to FILE, e.g. $GITHUB_STEP_SUMMARY")
    private Path summary;

    @Spec
    private CommandSpec spec;

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
        if (keep < 2) {
            throw new ParameterException(spec.commandLine(), "--keep must be at least 2, got " + keep
                    + ": one night has no spread to judge by");
        }
        if (!Files.isDirectory(results)) {
            throw new ParameterException(spec.commandLine(), "RESULTS_DIR " + results + " is not a directory");
        }
        Judgement judgement = gate.judgement(spec);
        Path candidateDir = Report.latest(results);
        RunData candidate = Compare.finished(candidateDir);
        Path history = results.resolve("history").resolve("history.csv");
        List<History.Row> past = History.read(history);
        Optional<String> distrust = Trust.distrust(candidate.metadata());

        StringBuilder md = new StringBuilder("## threadmark nightly: ").append(candidate.id()).append("\n\n");
        Map<String, Verdict> verdicts = new HashMap<>();
        int exit = 0;
        if (distrust.isPresent()) {
            md.append("**Not evidence: rerun.** ").append(distrust.get()).append(". This run is kept in the history and ")
                    .append("shown in the report, but never judged and never pooled into a baseline.\n");
        } else {
            if (acceptFrom != null && past.stream().noneMatch(r -> r.runId().equals(acceptFrom))) {
                throw new MalformedResultsException(acceptFrom + ": no such run in " + history);
            }
            Baseline baseline = rolling(results, candidate, keep, past, acceptFrom == null ? "" : acceptFrom);
            if (baseline.runs().isEmpty()) {
                md.append("No baseline yet: this is the first trusted night in the history with these settings and this ")
                        .append("environment.\n");
            } else {
                List<Judgement.Row> rows = judgement.judge(RunsJudge.cases(baseline.measurements(),
                        Measurement.of(candidate), judgement, RunsJudge.OneRun.UNTESTABLE)).stream()
                        .map(r -> r.verdict() == Verdict.REGRESSED && baseline.since().containsKey(r.name())
                                ? r.since(baseline.since().get(r.name())) : r)
                        .toList();
                rows.forEach(r -> verdicts.put(r.name(), r.verdict()));
                System.out.print(Table.format(rows, false));
                boolean regressed = Judgement.anyRegression(rows);
                exit = regressed ? 1 : 0;
                String basis = "per point up to " + keep + " earlier trusted nights (" + baseline.runs().size()
                        + " used" + (acceptFrom == null ? "" : ", from " + acceptFrom + " on")
                        + "), one sample per night, one-sided prediction interval";
                if (baseline.runs().size() < 2) {
                    md.append("Only one earlier night: a night alone says nothing of how nights vary, so every point is ")
                            .append("untestable until the next.\n\n");
                }
                md.append(regressed ? "**Regression.** " : "No regression. ").append(GateOptions.rule(judgement, basis))
                        .append("\n\n").append(Table.format(rows, true));
                String noise = Noise.table(baseline, rows, judgement);
                if (!noise.isEmpty()) {
                    System.out.print(noise);
                    md.append("\n<details><summary>Noise per point: where it comes from, what it calls for</summary>")
                            .append("\n\n```\n").append(noise).append("```\n</details>\n");
                }
            }
        }
        boolean added = History.append(history, NightRecord.rows(candidate, verdicts, distrust.orElse("")));
        String steps = Steps.record(history, judgement.minEffect());
        if (!steps.isEmpty()) {
            md.append("\n").append(steps);
        }
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
     * What the candidate is compared with.
     *
     * @param runs         the runs used, newest first
     * @param measurements per point, the measurements of the nights in its baseline
     * @param since        per point still flagged on the nights before: the first night of that streak
     */
    record Baseline(List<String> runs, Map<String, List<Measurement>> measurements, Map<String, String> since) {}

    /** Per point, the last {@code keep} comparable trusted nights that may stand in its baseline (see the class comment). */
    static Baseline rolling(Path results, RunData candidate, int keep, List<History.Row> past, String acceptFrom)
            throws IOException {
        Set<String> untrusted = past.stream().filter(r -> !r.trusted()).map(History.Row::runId).collect(Collectors.toSet());
        List<Path> comparable = comparableRuns(results, candidate, past.stream().map(History.Row::runId)
                .filter(id -> !untrusted.contains(id)).collect(Collectors.toSet()));
        Map<String, Map<String, String>> verdictOf = new HashMap<>(); // run → point → verdict
        past.forEach(r -> verdictOf.computeIfAbsent(r.runId(), k -> new HashMap<>()).put(r.point(), r.verdict()));
        Map<String, List<Measurement>> perPoint = new LinkedHashMap<>();
        Map<String, String> since = new HashMap<>();
        Set<String> streakOver = new HashSet<>();
        List<String> used = new ArrayList<>();
        for (Path dir : comparable) {
            String id = dir.getFileName().toString();
            if (id.compareTo(acceptFrom) < 0) {
                break; // before the accepted change: not its baseline
            }
            boolean accepted = !acceptFrom.isEmpty();
            RunData run = RunReader.read(dir);
            for (Map.Entry<String, Measurement> e : Measurement.of(run).entrySet()) {
                String point = e.getKey();
                String verdict = verdictOf.getOrDefault(id, Map.of()).getOrDefault(point, "");
                boolean flagged = !accepted && !verdict.isEmpty() && Verdict.valueOf(verdict).regression();
                boolean worthy = accepted || verdict.isEmpty() || Verdict.valueOf(verdict).baselineWorthy();
                if (flagged && !streakOver.contains(point)) {
                    since.put(point, id); // runs come newest first: the last one set is the streak's first
                } else {
                    streakOver.add(point);
                }
                List<Measurement> nights = perPoint.computeIfAbsent(point, k -> new ArrayList<>());
                if (worthy && nights.size() < keep) {
                    nights.add(e.getValue());
                    if (!used.contains(id)) {
                        used.add(id);
                    }
                }
            }
            // Older runs can change nothing once every point has its K nights and its streak is known.
            if (perPoint.values().stream().allMatch(l -> l.size() >= keep) && streakOver.containsAll(perPoint.keySet())) {
                break;
            }
        }
        perPoint.values().removeIf(List::isEmpty);
        return new Baseline(used, perPoint, since);
    }

    /**
     * The history's trusted runs older than the candidate, newest first, that completed and share
     * its settings and environment; the others are named with what differs.
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
