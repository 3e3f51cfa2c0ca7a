package dev.threadmark.harness;

import dev.threadmark.results.GcFigures;
import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.RunParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * After the sweep: what the runtimes themselves cost ({@link RuntimeBenchmark}, virtual and user
 * in one JMH run) and what a parked task costs in heap and RSS ({@link Footprint}, one fresh JVM
 * per model and task count; a model that fails at one count is skipped at the larger ones).
 * Rows go to {@code runtime.csv} in the same format as the points; a failure is a row too.
 */
final class RuntimeStage {
    static final String FILE_NAME = "runtime.csv";
    private static final List<Integer> FOOTPRINT_COUNTS = List.of(1_000, 10_000, 100_000);
    /** A probe parks at most 100k tasks, a few seconds' work; one still running after this has hung. */
    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Platform threads are slow to start in bulk here (~0.7 ms each with 10k alive; reaching pid_max
     * at ~32k and joining them again takes over a minute), so a quick run parks only 1k of them; a
     * full run goes to 100k, where they fail.
     */
    private static final List<Integer> QUICK_PLATFORM_COUNTS = List.of(1_000);

    private final SweepProfile profile;
    private final RunParameters parameters;
    private final PrintStream console;
    private final PrintStream jmhLog;

    RuntimeStage(SweepProfile profile, RunParameters parameters, PrintStream console, PrintStream jmhLog) {
        this.profile = profile;
        this.parameters = parameters;
        this.console = console;
        this.jmhLog = jmhLog;
    }

    List<PointResult> run(List<RunResult> jmh) {
        List<PointResult> rows = new ArrayList<>();
        console.println("runtime costs: 1M no-op start+join and park/unpark ping-pong, virtual vs user ...");
        try {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include(RuntimeBenchmark.class.getName())
                    // At least two forks, even in quick runs: what a fork decides once (JIT, layout,
                    // carrier placement) only shows in JMH's error across several forks.
                    .forks(Math.max(2, profile.forks()))
                    .warmupIterations(Math.max(1, profile.warmupIterations()))
                    .warmupTime(TimeValue.milliseconds(profile.warmupTime().toMillis()))
                    .measurementIterations(profile.measurementIterations())
                    .measurementTime(TimeValue.milliseconds(profile.measurementTime().toMillis()))
                    .addProfiler(GCProfiler.class)
                    .shouldFailOnError(true)
                    .build(), OutputFormatFactory.createFormatInstance(jmhLog, VerboseMode.NORMAL)).run();
            for (RunResult r : results) {
                jmh.add(r);
                String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
                boolean pingPong = method.equals("roundTrip");
                Point point = new Point(pingPong ? "ping-pong-1c" : "noop", r.getParams().getParam("model"),
                        pingPong ? 2 : RuntimeBenchmark.MILLION);
                Result<?> p = r.getPrimaryResult();
                double[] ci = p.getScoreConfidence();
                rows.add(report(new PointResult(point, parameters, p.getScore(), p.getScoreError(), ci[0], ci[1],
                        p.getScoreUnit(), p.getSampleCount(), PointStatus.OK, "", pingPong ? GcFigures.NONE
                                : JmhGcFigures.of(r, RuntimeBenchmark.MILLION))));
            }
        } catch (RunnerException | RuntimeException e) {
            Environment.check(e);
            rows.add(report(PointResult.notMeasured(new Point("noop", "virtual+user", RuntimeBenchmark.MILLION),
                    parameters, PointStatus.FAILED, PointRunner.reason(e))));
        }
        console.println("what a parked task costs: heap and RSS per task, a fresh JVM per model and count ...");
        for (String model : List.of("platform", "virtual", "user")) {
            boolean failed = false;
            for (int tasks : footprintCounts(model, profile)) {
                List<PointResult> measured = failed ? List.of(
                        skipped(Footprint.HEAP_WORKLOAD, model, tasks), skipped(Footprint.RSS_WORKLOAD, model, tasks))
                        : footprint(model, tasks);
                measured.forEach(r -> rows.add(report(r)));
                failed = failed || !measured.getFirst().measured();
            }
        }
        return rows;
    }

    static List<Integer> footprintCounts(String model, SweepProfile profile) {
        return model.equals("platform") && profile.name().equals(SweepProfile.QUICK.name()) ? QUICK_PLATFORM_COUNTS
                : FOOTPRINT_COUNTS;
    }

    private PointResult skipped(String workload, String model, int tasks) {
        return notMeasured(workload, model, tasks, PointStatus.SKIPPED, "a smaller task count already failed");
    }

    private PointResult report(PointResult r) {
        console.printf("  %-28s %s%n", r.point().model() + "/" + r.point().workload(), r.measured()
                ? String.format(java.util.Locale.ROOT, "%.4g ± %.3g %s", r.score(), r.error(), r.unit())
                : r.status() + ": " + r.reason());
        return r;
    }

    /** Both rows of one probe run: heap and RSS per task, or both FAILED with the probe's last line. */
    List<PointResult> footprint(String model, int tasks) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ForkJvm.flags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Footprint.class.getName(), model,
                Integer.toString(tasks)));
        String reason;
        try {
            Subprocess probe = Subprocess.run(command, PROBE_TIMEOUT);
            if (probe.succeeded()) {
                return rows(model, tasks, Footprint.Measurement.parse(probe.lastLine()));
            }
            reason = "footprint probe failed: " + probe.failure(PROBE_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            reason = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepInterruptedException("interrupted while the footprint probe ran", e);
        }
        return List.of(notMeasured(Footprint.HEAP_WORKLOAD, model, tasks, PointStatus.FAILED, reason),
                notMeasured(Footprint.RSS_WORKLOAD, model, tasks, PointStatus.FAILED, reason));
    }

    private List<PointResult> rows(String model, int tasks, Footprint.Measurement m) {
        return List.of(measured(Footprint.HEAP_WORKLOAD, model, tasks, m.heapBytes()),
                measured(Footprint.RSS_WORKLOAD, model, tasks, m.rssBytes()));
    }

    private PointResult measured(String workload, String model, int tasks, double bytes) {
        return new PointResult(new Point(workload, model, tasks), parameters, bytes, Double.NaN, Double.NaN, Double.NaN,
                Footprint.UNIT, 1, PointStatus.OK, "");
    }

    private PointResult notMeasured(String workload, String model, int tasks, PointStatus status, String reason) {
        return PointResult.notMeasured(new Point(workload, model, tasks), parameters, Footprint.UNIT, status, reason);
    }
}
