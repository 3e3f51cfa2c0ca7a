package dev.threadmark.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
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

    record Outcome(PointResult result, Optional<RunResult> jmh) {}

    Outcome run(Point point) {
        Options options = options(point);
        jmhLog.println("==== " + point + " ====");
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
                    ci[0], ci[1], primary.getScoreUnit(), primary.getSampleCount(), PointStatus.OK, ""),
                    Optional.of(run));
        } catch (RunnerException | RuntimeException e) {
            return failed(point, reason(e));
        } finally {
            jmhLog.flush();
        }
    }

    private Outcome failed(Point point, String reason) {
        return new Outcome(PointResult.notMeasured(point, parameters, PointStatus.FAILED, reason), Optional.empty());
    }

    private Options options(Point point) {
        Duration timeout = MIN_ITERATION_TIMEOUT.plus(profile.budget().multipliedBy(6));
        List<String> jvmArgs = new ArrayList<>(List.of(
                SweepBenchmark.class.getAnnotation(org.openjdk.jmh.annotations.Fork.class).jvmArgsAppend()));
        if (countersDir != null && point.model().equals("user")) {
            jvmArgs.add("-D" + SweepBenchmark.COUNTERS_PROPERTY + "=" + countersDir.resolve(countersFileName(point)));
        }
        return new OptionsBuilder()
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
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
                .warmupIterations(profile.warmupIterations())
                .warmupTime(TimeValue.milliseconds(profile.warmupTime().toMillis()))
                .measurementIterations(profile.measurementIterations())
                .measurementTime(TimeValue.milliseconds(profile.measurementTime().toMillis()))
                .timeout(TimeValue.seconds(timeout.toSeconds()))
                .shouldFailOnError(true)
                .build();
    }

    /**
     * The most telling message in a JMH failure. JMH wraps what the benchmark threw in its own
     * exceptions (as causes and suppressed). Our own exceptions carry the context (which task of
     * how many), so the first of those wins; otherwise the deepest throwable that is not JMH's.
     */
    static String reason(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        collect(failure, all, 0);
        Throwable best = all.stream().filter(t -> t.getClass().getName().startsWith("dev.threadmark")).findFirst()
                .orElseGet(() -> all.stream().filter(t -> !t.getClass().getName().startsWith("org.openjdk.jmh"))
                        .reduce((first, second) -> second).orElse(failure));
        String message = best.getMessage();
        String text = best.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.replaceAll("\\s+", " ").strip();
    }

    private static void collect(Throwable t, List<Throwable> into, int depth) {
        if (t == null || depth > 16 || into.contains(t)) {
            return;
        }
        into.add(t);
        collect(t.getCause(), into, depth + 1);
        for (Throwable s : t.getSuppressed()) {
            collect(s, into, depth + 1);
        }
    }
}
