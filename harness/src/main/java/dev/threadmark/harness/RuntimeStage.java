package dev.threadmark.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * in one JMH run) and what a parked task retains ({@link Footprint}, one fresh JVM per model).
 * Rows go to {@code runtime.csv} in the same format as the points; a failure is a row too.
 */
final class RuntimeStage {
    static final String FILE_NAME = "runtime.csv";
    private static final List<String> FOOTPRINT_MODELS = List.of("platform", "virtual", "user");

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
                        p.getScoreUnit(), p.getSampleCount(), PointStatus.OK, "")));
            }
        } catch (RunnerException | RuntimeException e) {
            rows.add(report(PointResult.notMeasured(new Point("noop", "virtual+user", RuntimeBenchmark.MILLION),
                    parameters, PointStatus.FAILED, PointRunner.reason(e))));
        }
        for (String model : FOOTPRINT_MODELS) {
            // Platform threads: few enough that the OS serves them; the others: enough to swamp noise.
            int tasks = model.equals("platform") ? 5_000 : 100_000;
            rows.add(report(footprint(model, tasks)));
        }
        return rows;
    }

    private PointResult report(PointResult r) {
        console.printf("  %-28s %s%n", r.point().model() + "/" + r.point().workload(), r.measured()
                ? String.format(java.util.Locale.ROOT, "%.4g ± %.3g %s", r.score(), r.error(), r.unit())
                : r.status() + ": " + r.reason());
        return r;
    }

    private PointResult footprint(String model, int tasks) {
        Point point = new Point("parked-heap", model, tasks);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                Footprint.class.getName(), model, Integer.toString(tasks));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String lastLine = out.lines().reduce((a, b) -> b).orElse("no output");
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                return PointResult.notMeasured(point, parameters, PointStatus.FAILED, "footprint probe failed: " + lastLine);
            }
            double bytes = Double.parseDouble(lastLine);
            return new PointResult(point, parameters, bytes, Double.NaN, Double.NaN, Double.NaN, "B/task", 1,
                    PointStatus.OK, "");
        } catch (IOException | RuntimeException e) {
            return PointResult.notMeasured(point, parameters, PointStatus.FAILED, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PointResult.notMeasured(point, parameters, PointStatus.FAILED, "interrupted");
        }
    }
}
