package dev.threadmark.report;

import dev.threadmark.harness.MalformedResultsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The nightly step after a sweep: {@code Nightly RESULTS_DIR [--keep K] [--baseline RUN_ID]
 * [--alpha 0.05] [--min-effect 0.10] [--summary FILE]}.
 *
 * <p>Takes the newest run as the candidate, appends it to {@code history/history.csv}, compares
 * it with the rolling baseline (the last K complete runs of the history before it, pooled;
 * default 5) or a pinned run, prints the comparison and a Markdown summary (also to {@code --summary}, e.g.
 * {@code $GITHUB_STEP_SUMMARY}). Exit 1 on a regression, 2 on bad input, 0 otherwise; the first
 * night, with no baseline yet, is 0.
 *
 * <p>Only runs of the history are pooled, and only those with the candidate's {@link #SETTINGS}:
 * a run made by hand beside the nightlies (say, with 13 ms sleeps to try the gate) measures
 * something else, and pooling its iterations would shift the baseline without anyone noticing.
 */
public final class Nightly {
    /** What two runs must share for their points to be pooled: the sweep's settings, not its date or commit. */
    static final List<String> SETTINGS = List.of("sweep.profile", "workload.sleep.ms", "workload.spin.target.ns",
            "model.pool_size", "model.workers");

    private Nightly() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (MalformedResultsException | IllegalArgumentException | IOException e) {
            System.err.println("threadmark nightly: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String... args) throws IOException {
        Path results = null;
        int keep = 5;
        String pinned = null;
        double alpha = Comparison.DEFAULT_ALPHA;
        double minEffect = Comparison.DEFAULT_MIN_EFFECT;
        Path summary = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keep" -> keep = Args.whole(args, ++i, "--keep");
                case "--baseline" -> pinned = Args.value(args, ++i, "--baseline");
                case "--alpha" -> alpha = Args.number(args, ++i, "--alpha");
                case "--min-effect" -> minEffect = Args.number(args, ++i, "--min-effect");
                case "--summary" -> summary = Path.of(Args.value(args, ++i, "--summary"));
                default -> results = Path.of(args[i]);
            }
        }
        if (results == null) {
            throw new IllegalArgumentException("usage: Nightly RESULTS_DIR [--keep K] [--baseline RUN_ID] [--summary FILE]");
        }
        Path candidateDir = Report.latest(results);
        RunData candidate = RunReader.read(candidateDir);
        Path history = results.resolve("history").resolve("history.csv");
        boolean added = History.append(history, candidate);
        System.out.println((added ? "added " : "already in history: ") + candidate.id() + " -> " + history);

        List<RunData> baselines = new ArrayList<>();
        Set<String> nightlies = new HashSet<>(History.read(history).stream().map(History.Row::runId).toList());
        for (Path dir : baselineDirs(results, candidateDir, candidate.metadata(), pinned, keep, nightlies)) {
            baselines.add(RunReader.read(dir));
        }
        StringBuilder md = new StringBuilder("## threadmark nightly: ").append(candidate.id()).append("\n\n");
        int exit = 0;
        if (baselines.isEmpty()) {
            md.append("No baseline yet: this is the first run in the history.\n");
        } else {
            List<Comparison.Row> rows = new Comparison(alpha, minEffect).compare(baselines, candidate);
            System.out.print(Comparison.format(rows, false));
            boolean regressed = Comparison.anyRegression(rows);
            exit = regressed ? 1 : 0;
            md.append(regressed ? "**Regression.** " : "No regression. ")
                    .append("Baseline: ").append(baselines.size() == 1 ? "run " + baselines.getFirst().id()
                            : "iterations of the last " + baselines.size() + " runs pooled")
                    .append("; Mann–Whitney U, α = ").append(alpha).append(", minimum effect ")
                    .append(Format.percent(minEffect)).append(".\n\n").append(Comparison.format(rows, true));
        }
        System.out.println(md);
        System.out.println("report with history: " + Report.run(candidateDir.toString()).toAbsolutePath().normalize());
        if (summary != null) {
            Files.writeString(summary, md.toString(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return exit;
    }

    /** "workload.sleep.ms 13 ≠ 10": the {@link #SETTINGS} in which a run differs from the candidate; empty if none. */
    static String differingSettings(Map<String, String> run, Map<String, String> candidate) {
        List<String> differs = new ArrayList<>();
        for (String key : SETTINGS) {
            String mine = run.getOrDefault(key, "");
            String theirs = candidate.getOrDefault(key, "");
            if (!mine.equals(theirs)) {
                differs.add(key + " " + mine + " ≠ " + theirs);
            }
        }
        return String.join(", ", differs);
    }

    /**
     * The pinned run, or the last {@code keep} complete runs of the history ({@code nightlies})
     * older than the candidate and with its settings; history runs with other settings are named.
     */
    static List<Path> baselineDirs(Path results, Path candidate, Map<String, String> candidateSettings, String pinned,
            int keep, Set<String> nightlies) throws IOException {
        Path runs = results.resolve("runs");
        if (pinned != null) {
            Path dir = runs.resolve(pinned);
            if (!Files.isDirectory(dir)) {
                throw new MalformedResultsException(dir + ": pinned baseline run not found");
            }
            return List.of(dir);
        }
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> older = s.filter(d -> Files.exists(d.resolve("points.csv")))
                    .filter(d -> nightlies.contains(d.getFileName().toString()))
                    .filter(d -> d.getFileName().toString().compareTo(candidate.getFileName().toString()) < 0)
                    .filter(Nightly::complete)
                    .filter(d -> sameSettings(d, candidateSettings))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed())
                    .limit(keep).toList();
            return older;
        }
    }

    private static boolean sameSettings(Path dir, Map<String, String> candidate) {
        try {
            String differs = differingSettings(dev.threadmark.harness.RunMetadata.read(dir.resolve("run.properties"))
                    .asMap(), candidate);
            if (!differs.isEmpty()) {
                System.out.println("not pooled: " + dir.getFileName() + " (" + differs + ")");
            }
            return differs.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean complete(Path dir) {
        try {
            return "complete".equals(dev.threadmark.harness.RunMetadata.read(dir.resolve("run.properties")).get("run.status"));
        } catch (IOException e) {
            return false;
        }
    }
}
