package dev.threadmark.harness;

import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.ResultsCsv;
import dev.threadmark.results.RunDirectory;
import dev.threadmark.results.RunMetadata;
import dev.threadmark.results.RunParameters;
import dev.threadmark.results.SchedulerCountersFile;
import dev.threadmark.results.SchedulerCountersRow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real JMH forks on a tiny profile: the whole chain from options to run directory. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SweepEndToEndTest {
    private static final SweepProfile TINY = new SweepProfile("tiny", 1, 0, Duration.ofMillis(100), 3,
            Duration.ofMillis(100), 0, 3, List.of(1, 10), 4, Duration.ofSeconds(2));

    @Test
    void sweepWritesCsvJsonAndMetadata(@TempDir Path results) throws Exception {
        SweepOptions options = new SweepOptions(TINY, List.of("virtual", "user"), List.of("sleep", "spin", "mixed-50"),
                Duration.ofMillis(5), Duration.ofNanos(10_000), 4, 0, results, Path.of("."), false);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path run = new Sweep(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        List<PointResult> points = ResultsCsv.read(run.resolve(ResultsCsv.FILE_NAME));
        assertEquals(10, points.size(), "2 models x (2 counts of sleep and spin + 1 of the mixed blend)");
        for (PointResult p : points) {
            assertEquals(PointStatus.OK, p.status(), p.toString());
            assertTrue(p.score() > 0 && p.ciLow() <= p.score() && p.score() <= p.ciHigh(), p.toString());
            assertEquals("ms/op", p.unit());
            assertTrue(p.gc().allocBytesPerTask() > 0 && p.gc().gcMsPerOp() >= 0, "GC profiler figures: " + p);
        }
        assertEquals(List.of("virtual", "user", "user", "virtual", "virtual", "user"),
                points.subList(0, 6).stream().map(p -> p.point().model()).toList(),
                "interleaved: every model at each count, the order rotating");
        PointResult sleep10 = points.stream().filter(p -> p.point().workload().equals("sleep")
                && p.point().tasks() == 10).findFirst().orElseThrow();
        assertTrue(sleep10.score() >= 5.0, "ten 5 ms sleeps cannot finish in under 5 ms: " + sleep10);
        PointResult mixed = points.stream().filter(p -> p.point().workload().equals("mixed-50")).findFirst().orElseThrow();
        assertEquals(4, mixed.point().tasks(), "a blend runs at the profile's mixed task count only");
        // 4 tasks of 2.5 ms CPU then 2.5 ms wait: at least the wait plus most of one CPU part.
        assertTrue(mixed.score() >= 4.0, "four 50 % blends of 5 ms cannot finish in under 4 ms: " + mixed);

        String json = Files.readString(run.resolve(RunDirectory.JMH_JSON));
        assertTrue(json.contains("\"benchmark\" : \"dev.threadmark.harness.SweepBenchmark.fanOutAndJoin\""), json);
        RunMetadata meta = RunMetadata.read(run.resolve(RunMetadata.FILE_NAME));
        assertEquals("complete", meta.get("run.status"));
        assertTrue(Long.parseLong(meta.get("workload.spin.tokens")) > 0);
        assertTrue(Double.parseDouble(meta.get("workload.spin.task.ns")) > 0, "the spin check ran in a fork");
        assertTrue(meta.get("jvm.args.fork").contains("-Xms3g -Xmx3g -XX:+AlwaysPreTouch"), meta.get("jvm.args.fork"));
        assertTrue(meta.get("jdk.version").startsWith("25"), meta.get("jdk.version"));
        String progress = console.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("[ 10/10] user/mixed-50 tasks=4") && progress.contains("ETA"), progress);
        List<SchedulerCountersRow> counters = SchedulerCountersFile.read(
                run.resolve(SchedulerCountersFile.DIRECTORY).resolve("user-sleep-10.csv"));
        assertEquals(1, counters.size(), "one trial in one fork");
        assertTrue(counters.getFirst().spawned() >= 10 && counters.getFirst().abandoned() == 0, counters.toString());
        assertEquals(counters.getFirst().spawned(), counters.getFirst().timerFires(), "every user task slept once");
    }

    @Test
    void anOperationLongerThanAnIterationIsMeasuredOneAtATime(@TempDir Path log) throws Exception {
        RunParameters params = new RunParameters(5, 10, 4, 0);
        try (PrintStream out = new PrintStream(Files.newOutputStream(log.resolve("jmh.log")))) {
            PointRunner.Outcome outcome = new PointRunner(TINY, params, Duration.ofNanos(10_000), out, null)
                    .run(new Point("sleep", "virtual", 10), java.util.Optional.of(TINY.measurementTime()));
            assertEquals(PointStatus.OK, outcome.result().status(), outcome.result().reason());
            assertEquals(org.openjdk.jmh.annotations.Mode.SingleShotTime,
                    outcome.jmh().orElseThrow().getParams().getMode());
            assertEquals(TINY.singleShotMeasured() * TINY.forks(), outcome.result().samples(), "one sample per operation");
            assertTrue(outcome.result().score() >= 5.0, outcome.result().toString());
        }
    }

    @Test
    void aFailingPointIsRecordedWithItsReason(@TempDir Path log) throws Exception {
        // The fork's setup throws; the reason must travel back out of JMH's wrappers.
        RunParameters params = new RunParameters(1, 10, 4, 0);
        try (PrintStream out = new PrintStream(Files.newOutputStream(log.resolve("jmh.log")))) {
            PointRunner.Outcome outcome = new PointRunner(TINY, params, Duration.ofNanos(10_000), out, null)
                    .run(new Point("sleep", "nope", 1), java.util.Optional.empty());
            assertEquals(PointStatus.FAILED, outcome.result().status());
            assertTrue(outcome.result().reason().contains("unknown threading model 'nope'"), outcome.result().reason());
            assertTrue(outcome.jmh().isEmpty());
        }
    }
}
