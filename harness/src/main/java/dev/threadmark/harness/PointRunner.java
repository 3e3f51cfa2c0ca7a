package dev.threadmark.harness;

import dev.threadmark.results.GcFigures;
import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.RunParameters;
import dev.threadmark.results.ServerCsv;
import dev.threadmark.workloads.SocketWorkload;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one {@link Point} of {@link SweepBenchmark} under JMH, in its own forks, and turns what
 * happened into a {@link PointResult}: a score with JMH's error, or the reason it failed.
 */
final class PointRunner {
    /** Interrupt an iteration stuck this long: a hung point must fail, not stall the sweep. */
    private static final Duration MIN_ITERATION_TIMEOUT = Duration.ofMinutes(2);
    /** A whole point may take three times its expected time plus this before the watchdog ends it. */
    private static final Duration POINT_TIMEOUT_BASE = Duration.ofMinutes(3);

    private final SweepProfile profile;
    private final RunParameters parameters;
    private final PrintStream jmhLog;

    private final Duration spinTarget;
    private final java.nio.file.Path countersDir;

    /**
     * @param spinTarget  the CPU time the run's spin tokens were calibrated to
     * @param countersDir where user-scheduler forks write their counters; null for none
     */
    PointRunner(SweepProfile profile, RunParameters parameters, Duration spinTarget, PrintStream jmhLog,
            java.nio.file.Path countersDir) {
        this.profile = profile;
        this.parameters = parameters;
        this.spinTarget = spinTarget;
        this.jmhLog = jmhLog;
        this.countersDir = countersDir;
    }

    /** The counters file of a point: one line per fork trial. */
    static String countersFileName(Point point) {
        return point.model() + "-" + point.workload() + "-" + point.tasks() + ".csv";
    }

    /** @param server what the reply server did, for a {@code socket} point */
    record Outcome(PointResult result, Optional<RunResult> jmh, Optional<ServerCsv.Row> server) {
        Outcome(PointResult result, Optional<RunResult> jmh) {
            this(result, jmh, Optional.empty());
        }
    }

    /**
     * @param estimate the expected operation time, if the previous count gave one: an operation
     *                 that fills an iteration on its own is measured single-shot
     * @throws SweepInterruptedException when the environment, not the model, stopped the point
     */
    Outcome run(Point point, Optional<Duration> estimate) {
        if (!point.workload().equals(SocketWorkload.NAME)) {
            return run(point, estimate, List.of());
        }
        ReplyServerProcess server;
        try {
            server = ReplyServerProcess.start(Duration.ofMillis(parameters.sleepMs()), List.of());
        } catch (IOException e) {
            return failed(point, "the reply server did not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepInterruptedException("the sweep was interrupted", e);
        }
        try (server) {
            Outcome outcome = run(point, estimate,
                    List.of("-D" + SocketWorkload.SERVER_PROPERTY + "=" + server.addresses()));
            ServerCsv.Row load = server.stop().row(point);
            PointResult result = outcome.result();
            if (result.status() == PointStatus.FAILED && !load.refusals().isEmpty()) { // the OS's reason, from the other side
                result = PointResult.notMeasured(point, parameters, PointStatus.FAILED, result.reason()
                        + "; the reply server was refused: " + load.refusals());
            }
            return new Outcome(result, outcome.jmh(), Optional.of(load));
        } catch (IOException e) {
            return failed(point, "the reply server could not be stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepInterruptedException("the sweep was interrupted", e);
        }
    }

    private Outcome run(Point point, Optional<Duration> estimate, List<String> extraJvmArgs) {
        boolean singleShot = estimate.map(profile::singleShot).orElse(false);
        Options options = options(point, singleShot, extraJvmArgs);
        jmhLog.println("==== " + point + (singleShot ? " (single-shot)" : "") + " ====");
        Duration limit = POINT_TIMEOUT_BASE.plus(profile.expectedPointTime(estimate.orElse(profile.budget()))
                .multipliedBy(3));
        try (PointWatchdog watchdog = new PointWatchdog(limit)) {
            return measure(point, options, watchdog);
        } finally {
            jmhLog.flush();
        }
    }

    private Outcome measure(Point point, Options options, PointWatchdog watchdog) {
        try {
            Collection<RunResult> results = new Runner(options,
                    OutputFormatFactory.createFormatInstance(jmhLog, VerboseMode.NORMAL)).run();
            if (results.isEmpty()) {
                return failed(point, "JMH returned no result");
            }
            RunResult run = results.iterator().next();
            Result<?> primary = run.getPrimaryResult();
            double[] ci = primary.getScoreConfidence();
            return new Outcome(new PointResult(point, parameters, primary.getScore(), primary.getScoreError(),
                    ci[0], ci[1], primary.getScoreUnit(), primary.getSampleCount(), PointStatus.OK, "",
                    JmhGcFigures.of(run, point.tasks())), Optional.of(run));
        } catch (RunnerException | RuntimeException e) {
            if (watchdog.fired()) {
                return failed(point, watchdog.reason());
            }
            Environment.check(e);
            return failed(point, reason(e));
        }
    }

    private Outcome failed(Point point, String reason) {
        return new Outcome(PointResult.notMeasured(point, parameters, PointStatus.FAILED, reason), Optional.empty());
    }

    private Options options(Point point, boolean singleShot, List<String> extraJvmArgs) {
        Duration timeout = MIN_ITERATION_TIMEOUT.plus(profile.budget().multipliedBy(6));
        List<String> jvmArgs = new ArrayList<>(ForkJvm.flags());
        jvmArgs.addAll(extraJvmArgs);
        if (countersDir != null && point.model().equals("user")) {
            jvmArgs.add("-D" + SweepBenchmark.COUNTERS_PROPERTY + "=" + countersDir.resolve(countersFileName(point)));
        }
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                // Allocation and GC time as data on every point: the GC profiler only reads the
                // MXBeans' counters around each iteration, which costs nothing per operation.
                .addProfiler(GCProfiler.class)
                .include(SweepBenchmark.class.getName() + ".fanOutAndJoin$")
                .param("model", point.model())
                .param("workload", point.workload())
                .param("tasks", Integer.toString(point.tasks()))
                .param("sleepMs", Long.toString(parameters.sleepMs()))
                .param("spinTokens", Long.toString(parameters.spinTokens()))
                .param("spinTargetNs", Long.toString(spinTarget.toNanos()))
                .param("poolSize", Integer.toString(parameters.poolSize()))
                .param("workers", Integer.toString(parameters.workers()))
                .forks(profile.forks())
                .timeout(TimeValue.seconds(timeout.toSeconds()))
                .shouldFailOnError(true);
        if (singleShot) {
            builder.mode(Mode.SingleShotTime)
                    .warmupIterations(profile.singleShotWarmups())
                    .measurementIterations(profile.singleShotMeasured());
        } else {
            builder.mode(Mode.AverageTime)
                    .warmupIterations(profile.warmupIterations())
                    .warmupTime(TimeValue.milliseconds(profile.warmupTime().toMillis()))
                    .measurementIterations(profile.measurementIterations())
                    .measurementTime(TimeValue.milliseconds(profile.measurementTime().toMillis()));
        }
        return builder.build();
    }

    /**
     * The most telling message in a JMH failure. JMH wraps what the benchmark threw in its own
     * exceptions (as causes and suppressed). Our own exceptions carry the context (which task of
     * how many), so the first of those wins; otherwise the deepest throwable that is not JMH's.
     */
    static String reason(Throwable failure) {
        List<Throwable> all = Environment.chain(failure);
        Throwable best = all.stream().filter(t -> t.getClass().getName().startsWith("dev.threadmark")).findFirst()
                .orElseGet(() -> all.stream().filter(t -> !t.getClass().getName().startsWith("org.openjdk.jmh"))
                        .reduce((first, second) -> second).orElse(failure));
        String message = best.getMessage();
        String text = best.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.replaceAll("\\s+", " ").strip();
    }
}
