package dev.threadmark.gate;

import dev.threadmark.report.RunReader;
import dev.threadmark.results.MalformedResultsException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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
 * {@code ab BASE_REF [CANDIDATE_REF]}: the primary gate. Builds both commits (git worktrees), then
 * runs their sweeps as randomized multiple interleaved trials (Abedi and Brecht, "Conducting
 * Repeatable Experiments in Highly Variable Cloud Computing Environments", ICPE 2017): in each of
 * T trials both commits sweep once, one fork per point, in an order drawn at random for that
 * trial; the trials are the samples, judged on their paired ratios ({@link AbJudge}). Whatever
 * the machine does — a slower runner class, a neighbour, thermal drift — it does to both sides of
 * a trial, so a comparison with last week's numbers on another machine becomes a comparison of
 * two commits on this one, now.
 *
 * <p>Why whole sweeps and not both commits at once ("duet", Bulej et al. 2020): the workloads
 * measure how threading models use the cores; two sweeps side by side on a 2-core runner would
 * each have one and measure the other. Why not interleave per point: each side's sweep has its own
 * harness, calibration and budget, which are part of what a commit may change.
 *
 * <p>Everything goes to {@code RESULTS/ab/<time>-<base>-<candidate>/}: {@code ab.properties}
 * (commits, seed, order), each trial's run directories and sweep log, the table. Exit 0 no
 * regression, 1 regression, 2 bad input or a build that failed, 3 a sweep stopped by the
 * environment twice in a row (what finished is kept).
 */
@Command(name = "ab", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A/B of two commits on this machine: builds both, runs their sweeps as interleaved trials in "
                + "random order and judges the paired ratios (one-sided t over the trials, Benjamini-Hochberg over "
                + "the points, a minimum effect)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no regression", "1:at least one point regressed", "2:bad input, or a build failed",
            "3:a sweep was stopped by the environment twice"})
public final class Ab implements Callable<Integer> {
    /**
     * What {@code ab} sweeps unless told otherwise: every model on {@code sleep} and {@code spin}
     * at two counts, the quick profile's iterations, no runtime stage. The two workloads are the
     * two ends of the suite (pure waiting, pure CPU); the two counts, where the regressions this
     * gate is for show: at 100 tasks the per-task cost, at 10 000 the scheduler under load. A sweep
     * of this selection took 2 min 22 s on the 2-core development machine (14 points measured, 2
     * over budget), so five trials of two commits take about ten times that, plus the two builds:
     * about 27 min, against 19 min for the CI's quick sweep ({@code mvn verify -Pbench,quick}, 115
     * points and the runtime stage) on the same machine — under twice it, as the gate's budget asks.
     */
    static final List<String> DEFAULT_WORKLOADS = List.of("sleep", "spin");
    static final List<String> DEFAULT_COUNTS = List.of("100", "10000");
    static final int DEFAULT_TRIALS = 5;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BASE_REF", description = "the baseline commit (a sha, branch, tag)")
    private String baseRef;

    @Parameters(index = "1", paramLabel = "CANDIDATE_REF", defaultValue = "HEAD",
            description = "the candidate commit; default ${DEFAULT-VALUE} (committed code: uncommitted changes are not in it)")
    private String candidateRef;

    @Option(names = "--trials", paramLabel = "T", defaultValue = "" + DEFAULT_TRIALS,
            description = "interleaved trials, at least 3; default ${DEFAULT-VALUE}")
    private int trials;

    @Option(names = "--profile", paramLabel = "quick|full", defaultValue = "quick",
            description = "the sweeps' profile; default ${DEFAULT-VALUE}")
    private String profile;

    @Option(names = "--counts", paramLabel = "N", split = ",",
            description = "task counts of each sweep, for every workload (socket and native-sleep too); default 100,10000")
    private List<String> counts;

    @Option(names = "--workloads", paramLabel = "WORKLOAD", split = ",", description = "workloads; default sleep,spin")
    private List<String> workloads;

    @Option(names = "--models", paramLabel = "MODEL", split = ",", description = "models; default all")
    private List<String> models;

    @Option(names = "--runtime", paramLabel = "yes|no", defaultValue = "no",
            description = "also the runtime stage (1M no-op tasks, ping-pong, memory); default ${DEFAULT-VALUE}")
    private String runtime;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "where the A/B goes: DIR/ab/<time>-<base>-<candidate>; default ./${DEFAULT-VALUE}")
    private Path results;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".", description = "the git checkout; default ${DEFAULT-VALUE}")
    private Path project;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the trials' order; default a random one, printed")
    private Long seed;

    @Option(names = "--judge", paramLabel = "AB_DIR",
            description = "judge the trials an earlier A/B left in AB_DIR (finished or stopped) instead of running one")
    private Path judge;

    @Mixin
    private GateOptions gate;

    @Option(names = "--summary", paramLabel = "FILE", description = "append a Markdown summary to FILE, e.g. $GITHUB_STEP_SUMMARY")
    private Path summary;

    @Spec
    private CommandSpec spec;

    /** Builds one commit (a full sha) into something a {@link Sweeper} runs. */
    interface Builder {
        Builds.Build build(String sha, PrintStream log) throws IOException;
    }

    /** Runs one side's sweep for one trial into {@code into} and returns the run directory. */
    interface Sweeper {
        Path sweep(Builds.Build side, List<String> sweepArgs, Path into, Path log) throws IOException, StoppedException;
    }

    /** A sweep the environment stopped (exit 3): never data. */
    static final class StoppedException extends Exception {
        StoppedException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        try {
            return ab((sha, log) -> Builds.build(project, sha, results.resolve("ab").resolve("worktrees"), log), Ab::sweep,
                    System.out);
        } catch (MalformedResultsException | IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("threadmark ab: " + e.getMessage());
            return 2;
        } catch (StoppedException e) {
            spec.commandLine().getErr().println("threadmark ab: stopped: " + e.getMessage());
            return 3;
        }
    }

    /** Parses {@code args} as the command line does and runs the A/B with {@code builder} and {@code sweeper}. */
    static int run(Builder builder, Sweeper sweeper, PrintStream out, String... args) throws IOException, StoppedException {
        Ab ab = new Ab();
        new CommandLine(ab).parseArgs(args);
        return ab.ab(builder, sweeper, out);
    }

    private int ab(Builder builder, Sweeper sweeper, PrintStream out) throws IOException, StoppedException {
        if (trials < 3) {
            throw new ParameterException(spec.commandLine(), "--trials must be at least 3, got " + trials
                    + ": with two, one trial's noise decides");
        }
        if (!runtime.equals("yes") && !runtime.equals("no")) {
            throw new ParameterException(spec.commandLine(), "--runtime takes yes or no, got '" + runtime + "'");
        }
        Judgement judgement = gate.judgement(spec);
        if (judge != null) {
            return verdict(judgement, judge, trialsIn(judge), out);
        }
        if (baseRef == null) {
            throw new ParameterException(spec.commandLine(), "BASE_REF is needed, unless --judge names an A/B to judge");
        }
        long orderSeed = seed != null ? seed : new Random().nextLong();
        String base = Builds.resolve(project, baseRef);
        String cand = Builds.resolve(project, candidateRef);
        Path abRoot = results.resolve("ab");
        Path dir = abRoot.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + base.substring(0, 7) + "-" + cand.substring(0, 7));
        Files.createDirectories(dir);
        out.println("A/B: baseline " + baseRef + " (" + base.substring(0, 10) + ") against candidate " + candidateRef
                + " (" + cand.substring(0, 10) + "), " + trials + " trials, seed " + orderSeed + "; everything goes to "
                + dir);
        Builds.Build baseBuild = builder.build(base, out);
        Builds.Build candBuild = base.equals(cand) ? baseBuild : builder.build(cand, out);

        List<String> sweepArgs = sweepArgs();
        Random order = new Random(orderSeed);
        StringBuilder orders = new StringBuilder();
        List<AbJudge.Trial> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 1; t <= trials; t++) {
            boolean baseFirst = order.nextBoolean();
            orders.append(t == 1 ? "" : ",").append(baseFirst ? "AB" : "BA");
            writeProperties(dir, base, cand, orderSeed, orders, sweepArgs);
            Path[] runs = new Path[2];
            for (int s = 0; s < 2; s++) {
                boolean isBase = (s == 0) == baseFirst;
                String side = isBase ? "baseline" : "candidate";
                out.printf(Locale.ROOT, "[trial %d/%d] %s%s%n", t, trials, side, eta(started, (t - 1) * 2 + s, trials * 2));
                Path into = dir.resolve("trial-" + t + "-" + side);
                runs[isBase ? 0 : 1] = sweepTwice(sweeper, isBase ? baseBuild : candBuild, sweepArgs, into, out);
            }
            done.add(new AbJudge.Trial(RunReader.read(runs[0]), RunReader.read(runs[1])));
        }
        return verdict(judgement, dir, done, out);
    }

    /** Judges the trials, prints the table and writes it (and the summary) beside them. */
    private int verdict(Judgement judgement, Path dir, List<AbJudge.Trial> done, PrintStream out) throws IOException {
        if (done.size() < 2) {
            throw new MalformedResultsException(dir + ": " + done.size() + " complete trial(s): at least 2 are needed");
        }
        List<Judgement.Row> rows = judgement.judge(AbJudge.cases(done));
        String table = Table.format(rows, false);
        out.print(table);
        Files.writeString(dir.resolve("ab.txt"), table, StandardCharsets.UTF_8);
        boolean regressed = Judgement.anyRegression(rows);
        String md = "## threadmark A/B: " + dir.getFileName() + "\n\n" + (regressed ? "**Regression.** " : "No regression. ")
                + GateOptions.rule(judgement, done.size() + " interleaved trials in random order, paired ratios") + "\n\n"
                + Table.format(rows, true);
        Files.writeString(dir.resolve("ab.md"), md, StandardCharsets.UTF_8);
        if (summary != null) {
            Files.writeString(summary, md, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        out.println(Table.outcome(regressed));
        return regressed ? 1 : 0;
    }

    /** The trials an A/B directory holds whose two runs both completed, in order, up to the first that did not. */
    static List<AbJudge.Trial> trialsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new MalformedResultsException(dir + ": not an A/B directory");
        }
        List<AbJudge.Trial> trials = new ArrayList<>();
        for (int t = 1; ; t++) {
            Path[] runs = new Path[2];
            String[] sides = {"baseline", "candidate"};
            for (int i = 0; i < 2; i++) {
                Path side = dir.resolve("trial-" + t + "-" + sides[i]).resolve("runs");
                if (!Files.isDirectory(side)) {
                    return trials;
                }
                try (var all = Files.list(side)) {
                    runs[i] = all.filter(Files::isDirectory).sorted().reduce((x, y) -> y).orElse(null);
                }
                if (runs[i] == null || !Pooling.completed(RunReader.read(runs[i]).metadata())) {
                    return trials;
                }
            }
            trials.add(new AbJudge.Trial(RunReader.read(runs[0]), RunReader.read(runs[1])));
        }
    }

    /** A sweep the environment stopped is run once more; twice in a row stops the A/B. */
    private static Path sweepTwice(Sweeper sweeper, Builds.Build build, List<String> args, Path into, PrintStream out)
            throws IOException, StoppedException {
        try {
            return sweeper.sweep(build, args, into, into.resolveSibling(into.getFileName() + ".log"));
        } catch (StoppedException e) {
            out.println("  stopped by the environment (" + e.getMessage() + "); once more");
            return sweeper.sweep(build, args, into, into.resolveSibling(into.getFileName() + "-again.log"));
        }
    }

    private List<String> sweepArgs() {
        List<String> args = new ArrayList<>(List.of("--profile", profile, "--forks", "1", "--runtime", runtime,
                "--counts", String.join(",", counts == null ? DEFAULT_COUNTS : counts)));
        args.addAll(List.of("--workloads", String.join(",", workloads == null ? DEFAULT_WORKLOADS : workloads)));
        if (models != null) {
            args.addAll(List.of("--models", String.join(",", models)));
        }
        return args;
    }

    private void writeProperties(Path dir, String base, String cand, long orderSeed, CharSequence orders,
            List<String> sweepArgs) throws IOException {
        Files.writeString(dir.resolve("ab.properties"), "ab.base.ref=" + baseRef + "\nab.base.sha=" + base
                + "\nab.candidate.ref=" + candidateRef + "\nab.candidate.sha=" + cand + "\nab.trials=" + trials
                + "\nab.seed=" + orderSeed + "\nab.order=" + orders + "\nab.sweep.args=" + String.join(" ", sweepArgs)
                + "\n", StandardCharsets.UTF_8);
    }

    private static String eta(long started, int done, int total) {
        if (done == 0) {
            return "";
        }
        Duration left = Duration.ofNanos((System.nanoTime() - started) / done * (total - done));
        return String.format(Locale.ROOT, " (about %d min %02d s left)", left.toMinutes(), left.toSecondsPart());
    }

    /** The real sweeper: the side's own jar, in a JVM of this JDK, output to {@code log}. */
    static Path sweep(Builds.Build side, List<String> sweepArgs, Path into, Path log) throws IOException, StoppedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-jar", side.jar().toString(), "sweep", "--results",
                into.toString(), "--project", side.worktree().toString()));
        command.addAll(sweepArgs);
        Files.createDirectories(into);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new StoppedException("interrupted");
        }
        if (code == 3) {
            throw new StoppedException("the sweep says so in " + log);
        }
        if (code != 0) {
            throw new IOException("the sweep of " + side.sha().substring(0, 10) + " failed (exit " + code + "): " + log);
        }
        try (var runs = Files.list(into.resolve("runs"))) {
            return runs.filter(Files::isDirectory).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IOException("the sweep left no run in " + into));
        }
    }
}
