package dev.threadmark.harness;

import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.ResultsCsv;
import dev.threadmark.results.RunDirectory;
import dev.threadmark.results.RunMetadata;
import dev.threadmark.results.RunParameters;
import dev.threadmark.results.ServerCsv;
import dev.threadmark.results.SchedulerCountersFile;
import dev.threadmark.results.TaskCounts;
import dev.threadmark.workloads.Models;
import dev.threadmark.workloads.SpinCalibration;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;

/**
 * The sweep: every model × workload × task count, one JMH run per point, into a fresh run
 * directory.
 *
 * <p>Why point by point and not one JMH run over all {@code @Param} combinations: a point that a
 * model cannot serve is data. Platform threads die past ~32k here (pid_max) and a pool of 200
 * needs ~50 s for a million 10 ms sleeps. Run separately, a failure is recorded with its reason
 * and the sweep goes on; and before each point the budget check ({@link Budget}) can see the
 * previous task count's score and decide the point is not worth running. Counts are swept
 * upwards so that estimate always exists, and once a model fails at some count its larger
 * counts are recorded as skipped.
 *
 * <p>The plan is interleaved: at each workload and task count every model runs before the next
 * count, and the order of the models rotates from one count to the next. A machine that slows
 * down during the run (another tenant, thermal throttling) then slows every model alike instead of
 * whichever model happened to be measured last.
 *
 * <p>After every point the CSV, JMH's JSON and the metadata are rewritten atomically, so an
 * interrupted sweep keeps everything it measured. What the environment does to a sweep — another
 * sweep or JMH on the machine, Ctrl-C, a fork killed from outside — stops it with a message and a
 * run marked {@code interrupted}; it is never recorded as a point ({@link Environment}).
 */
public final class Sweep {
    private final SweepOptions options;
    private final PrintStream console;

    Sweep(SweepOptions options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    /** {@code Sweep [options]}: the options, their checks and the exit codes are {@link SweepCommand}'s. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new SweepCommand()).execute(args));
    }

    /**
     * Runs the whole plan into a new run directory; the caller holds the {@link SweepLock}.
     *
     * @throws SweepInterruptedException when the environment stopped the sweep; the run directory
     *         then keeps every finished point and says {@code run.status=interrupted}
     */
    Path run() throws IOException {
        ZonedDateTime start = ZonedDateTime.now();
        String sha = Git.shortSha(options.project());
        RunDirectory dir = RunDirectory.create(options.results(), start, sha);
        SweepProfile profile = options.profile();
        console.printf("threadmark sweep, profile %s, into %s%n", profile.name(), dir.path());

        Optional<MachineLoad> load = MachineLoad.start();
        SpinCalibration spin = SpinCalibration.calibrate(options.spinTarget());
        console.printf("spin calibration: %d tokens = %s of CPU per task (%.3f ns/token)%n", spin.tokens(),
                Durations.format(spin.target()), spin.nanosPerToken());
        RunParameters parameters = new RunParameters(options.sleep().toMillis(), spin.tokens(), options.poolSize(),
                options.workers());

        RunMetadata metadata = EnvironmentMetadata.describe()
                .put("run.id", dir.id())
                .put("run.started", start.toOffsetDateTime())
                .put("run.status", "running")
                .put("git.sha", sha)
                .put("git.dirty", Git.dirty(options.project()))
                .put("sweep.profile", profile.name())
                .put("sweep.models", String.join(",", options.models()))
                .put("sweep.workloads", String.join(",", options.workloads()))
                .put("sweep.counts", profile.taskCounts().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""))
                .put("sweep.mixed.tasks", profile.mixedTasks())
                .put("sweep.counts.own", profile.countsByWorkload().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue().stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining("/")))
                        .collect(java.util.stream.Collectors.joining(",")))
                .put("workload.socket.service.ms", parameters.sleepMs())
                .put("sweep.budget.ms", profile.budget().toMillis())
                .put("jmh.mode", "avgt; single-shot (ss) where an operation outlasts an iteration")
                .put("jmh.single_shot", profile.singleShotWarmups() + " warm-up + " + profile.singleShotMeasured()
                        + " measured operations per fork")
                .put("jmh.profilers", "gc")
                .put("sweep.order", "interleaved: every model at each count, order rotated")
                .put("jmh.forks", profile.forks())
                .put("jmh.warmup", profile.warmupIterations() + " x " + profile.warmupTime().toMillis() + " ms")
                .put("jmh.measurement", profile.measurementIterations() + " x " + profile.measurementTime().toMillis() + " ms")
                .put("workload.sleep.ms", parameters.sleepMs())
                .put("workload.spin.target.ns", spin.target().toNanos())
                .put("workload.spin.tokens", spin.tokens())
                .put("workload.spin.ns_per_token", String.format(java.util.Locale.ROOT, "%.4f", spin.nanosPerToken()))
                .put("model.pool_size", parameters.poolSize())
                .put("model.workers", parameters.workers() == 0 ? Runtime.getRuntime().availableProcessors() : parameters.workers());
        dir.writeMetadata(metadata);
        Thread hook = new Thread(() -> {
            if (markInterrupted(dir, metadata)) {
                console.println("\nthreadmark sweep: stopped by a signal; every finished point is kept in " + dir.path()
                        + " (run.status=interrupted)");
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(dir, metadata, profile, parameters, spin, load);
        } catch (SweepInterruptedException e) {
            markInterrupted(dir, metadata);
            console.println("threadmark sweep: stopped: " + e.getMessage() + "; every finished point is kept in "
                    + dir.path() + " (run.status=interrupted)");
            throw e;
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private Path run(RunDirectory dir, RunMetadata metadata, SweepProfile profile, RunParameters parameters,
            SpinCalibration spin, Optional<MachineLoad> load) throws IOException {
        List<Point> plan = plan();
        List<PointResult> results = new ArrayList<>();
        List<RunResult> jmh = new ArrayList<>();
        List<ServerCsv.Row> server = new ArrayList<>();
        Map<String, PointResult> lastMeasured = new HashMap<>();
        Map<String, PointResult> firstFailure = new HashMap<>();
        Progress progress = new Progress(console, plan.size());

        try (PrintStream log = new PrintStream(Files.newOutputStream(dir.path().resolve(RunDirectory.JMH_LOG)), true,
                StandardCharsets.UTF_8)) {
            SpinCheck check = SpinCheck.run(spin.tokens());
            console.printf("spin check in a fork, every core busy: %.0f ns of CPU per task (rounds %.0f–%.0f ns, "
                    + "wall %.0f ns; target %d ns)%n", check.cpuNanos(), check.lowNanos(), check.highNanos(),
                    check.wallNanos(), spin.target().toNanos());
            dir.writeMetadata(metadata.put("workload.spin.task.ns", format(check.cpuNanos()))
                    .put("workload.spin.task.range.ns", format(check.lowNanos()) + "-" + format(check.highNanos()))
                    .put("workload.spin.task.wall.ns", format(check.wallNanos())));
            PointRunner runner = new PointRunner(profile, parameters, spin.target(), log,
                    Files.createDirectories(dir.path().resolve(SchedulerCountersFile.DIRECTORY)));
            for (int i = 0; i < plan.size(); i++) {
                Point point = plan.get(i);
                String series = point.model() + "/" + point.workload();
                progress.starting(point);
                Optional<PointResult> previous = Optional.ofNullable(lastMeasured.get(series));
                Optional<Duration> estimate = estimate(point, previous, parameters);
                Duration expected = profile.expectedPointTime(estimate.orElse(Duration.ZERO));

                PointResult result;
                if (firstFailure.containsKey(series)) {
                    result = PointResult.notMeasured(point, parameters, PointStatus.SKIPPED, "already failed at "
                            + TaskCounts.format(firstFailure.get(series).point().tasks()) + " tasks");
                    expected = Duration.ZERO;
                } else if (estimate.isPresent() && estimate.get().compareTo(profile.budget()) > 0) {
                    result = PointResult.notMeasured(point, parameters, PointStatus.OVER_BUDGET,
                            Budget.overBudgetReason(estimate.get(), previous, profile.budget()));
                    expected = Duration.ZERO;
                } else {
                    PointRunner.Outcome outcome = runner.run(point, estimate);
                    result = outcome.result();
                    outcome.jmh().ifPresent(jmh::add);
                    outcome.server().ifPresent(server::add);
                }
                if (result.measured()) {
                    lastMeasured.put(series, result);
                } else if (result.status() == PointStatus.FAILED) {
                    firstFailure.putIfAbsent(series, result);
                }
                results.add(result);
                dir.writeResults(results);
                JmhJsonFile.write(dir, jmh);
                if (!server.isEmpty()) {
                    dir.replace(ServerCsv.FILE_NAME, tmp -> {
                        try (java.io.Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                            ServerCsv.write(server, w);
                        }
                    });
                }
                progress.finished(result, expected, remainingTime(plan.subList(i + 1, plan.size()), lastMeasured,
                        parameters));
            }
            if (options.runtimeStage()) {
                List<PointResult> runtime = new RuntimeStage(profile, parameters, console, log).run(jmh);
                dir.replace(RuntimeStage.FILE_NAME, tmp -> {
                    try (java.io.Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                        ResultsCsv.write(runtime, w);
                    }
                });
                JmhJsonFile.write(dir, jmh);
            }
        }
        long ok = results.stream().filter(PointResult::measured).count();
        metadata.put("run.status", "complete")
                .put("run.finished", ZonedDateTime.now().toOffsetDateTime())
                .put("run.points.measured", ok)
                .put("run.points.not_measured", results.size() - ok);
        load.flatMap(MachineLoad::otherShare).ifPresent(share -> {
            metadata.put(RunMetadata.OTHER_CPU, String.format(java.util.Locale.ROOT, "%.3f", share));
            if (share >= RunMetadata.BUSY_MACHINE) {
                console.printf("note: other processes used %.0f %% of the machine's CPU during this sweep; its "
                        + "numbers include their load%n", share * 100);
            }
        });
        dir.writeMetadata(metadata);
        console.printf("%d of %d points measured; %d failed, over budget or skipped (see %s)%n", ok, results.size(),
                results.size() - ok, ResultsCsv.FILE_NAME);
        return dir.path();
    }

    private static String format(double nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos);
    }

    /** Workload by workload, count by count upwards, every model at each count, the models' order rotating. */
    List<Point> plan() {
        List<Point> plan = new ArrayList<>();
        int rotation = 0;
        for (String workload : options.workloads()) {
            List<String> models = options.models().stream().filter(m -> Models.sweeps(m, workload)).toList();
            for (int tasks : options.profile().taskCountsFor(workload)) {
                for (int m = 0; m < models.size(); m++) {
                    plan.add(new Point(workload, models.get((m + rotation) % models.size()), tasks));
                }
                rotation++;
            }
        }
        return plan;
    }

    private static Optional<Duration> estimate(Point point, Optional<PointResult> previous, RunParameters parameters) {
        return Budget.estimate(previous, point.tasks())
                .or(() -> Budget.lowerBound(point, parameters, Runtime.getRuntime().availableProcessors()));
    }

    private Duration remainingTime(List<Point> remaining, Map<String, PointResult> lastMeasured,
            RunParameters parameters) {
        Duration total = Duration.ZERO;
        for (Point p : remaining) {
            Optional<PointResult> previous = Optional.ofNullable(lastMeasured.get(p.model() + "/" + p.workload()));
            Duration op = estimate(p, previous, parameters).orElse(Duration.ZERO);
            if (op.compareTo(options.profile().budget()) <= 0) {
                total = total.plus(options.profile().expectedPointTime(op));
            }
        }
        return total;
    }

    /**
     * On Ctrl-C, kill or an environment failure: the CSV already holds every finished point; say
     * the run is partial. Returns whether it did (false once the run is complete).
     */
    private static synchronized boolean markInterrupted(RunDirectory dir, RunMetadata metadata) {
        if ("complete".equals(metadata.get("run.status"))) {
            return false;
        }
        try {
            dir.writeMetadata(metadata.put("run.status", "interrupted")
                    .put("run.finished", ZonedDateTime.now().toOffsetDateTime()));
        } catch (IOException ignored) {
            // the JVM may be going down; the results files are already complete
        }
        return true;
    }

    /** The commit a run measured. */
    static final class Git {
        private Git() {}

        static String shortSha(Path project) {
            return git(project, "rev-parse", "--short=10", "HEAD").orElse("nogit");
        }

        static boolean dirty(Path project) {
            return git(project, "status", "--porcelain", "--untracked-files=no").map(s -> !s.isBlank()).orElse(false);
        }

        private static Optional<String> git(Path project, String... args) {
            List<String> command = new ArrayList<>(List.of("git", "-C", project.toString()));
            command.addAll(List.of(args));
            try {
                Subprocess git = Subprocess.run(command, Duration.ofSeconds(10));
                return git.succeeded() ? Optional.of(git.output()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
