package dev.threadmark.harness;

import dev.threadmark.results.PointStatus;
import dev.threadmark.results.ResultsCsv;
import dev.threadmark.results.RunMetadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Environment failures are not data: another JMH, a second sweep, a fork killed from outside
 * stop the sweep with a message and an interrupted run; no point becomes FAILED because of them.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SweepEnvironmentTest {
    private static final SweepProfile TINY = new SweepProfile("tiny", 1, 0, Duration.ofMillis(100), 2,
            Duration.ofMillis(100), 0, 2, List.of(1, 10), 4, Duration.ofSeconds(2));

    private static SweepOptions options(Path results) {
        return new SweepOptions(TINY, List.of("virtual", "user"), List.of("sleep"), Duration.ofMillis(5),
                Duration.ofNanos(10_000), 4, 0, results, Path.of("."), false);
    }

    @Test
    void anotherJmhStopsTheSweepWithoutAFailedPoint(@TempDir Path results) throws Exception {
        Path jmhLock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        try (FileChannel channel = FileChannel.open(jmhLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.tryLock()) {
            assumeTrue(held != null, "another JMH is running on this machine right now");
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            SweepInterruptedException e = assertThrows(SweepInterruptedException.class,
                    () -> new Sweep(options(results), new PrintStream(console, true, StandardCharsets.UTF_8)).run());
            assertTrue(e.getMessage().contains("another JMH is running"), e.getMessage());
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("run.status=interrupted"), console.toString());
            Path run;
            try (var runs = Files.list(results.resolve("runs"))) {
                run = runs.findFirst().orElseThrow();
            }
            assertEquals("interrupted", RunMetadata.read(run.resolve(RunMetadata.FILE_NAME)).get("run.status"));
            Path csv = run.resolve(ResultsCsv.FILE_NAME);
            if (Files.exists(csv)) {
                assertTrue(ResultsCsv.read(csv).stream().noneMatch(p -> p.status() == PointStatus.FAILED),
                        Files.readString(csv));
            }
        }
    }

    @Test
    void aSecondSweepIsRefusedWithTheHoldersPid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sweep.lock");
        try (SweepLock first = SweepLock.acquire(file)) {
            SweepInterruptedException e = assertThrows(SweepInterruptedException.class, () -> SweepLock.acquire(file));
            assertTrue(e.getMessage().contains("another threadmark sweep is running (pid "
                    + ProcessHandle.current().pid() + ","), e.getMessage());
        }
        SweepLock.acquire(file).close(); // released with its holder
    }

    @Test
    void aForkKilledFromOutsideStopsTheSweep(@TempDir Path results) throws Exception {
        Thread killer = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                var fork = ProcessHandle.current().descendants().filter(p -> p.info().commandLine()
                        .orElse("").contains("ForkedMain")).findFirst();
                if (fork.isPresent()) {
                    try {
                        Thread.sleep(300); // let it get going
                    } catch (InterruptedException e) {
                        return;
                    }
                    fork.get().destroyForcibly();
                    return;
                }
                Thread.onSpinWait();
            }
        });
        try {
            SweepInterruptedException e = assertThrows(SweepInterruptedException.class,
                    () -> new Sweep(options(results), new PrintStream(new ByteArrayOutputStream(), true,
                            StandardCharsets.UTF_8)).run());
            assertTrue(e.getMessage().contains("killed from outside"), e.getMessage());
        } finally {
            killer.interrupt();
        }
    }

    @Test
    void modelFailuresStayPointsAndSignalsDoNot() {
        Environment.check(new RunnerException("Forked VM failed with exit code 1")); // the model's own crash: data
        Environment.check(new RunnerException("Forked VM failed with exit code 134"));
        for (int code : new int[] {130, 137, 143}) {
            assertThrows(SweepInterruptedException.class, () -> Environment.check(new RunnerException(
                    "Benchmark caught the exception", new RuntimeException("<forked VM failed with exit code " + code + ">"))));
        }
        assertThrows(SweepInterruptedException.class, () -> Environment.check(new RunnerException(
                "ERROR: Another JMH instance might be running. Unable to acquire the JMH lock (/tmp/jmh.lock), exiting.")));
    }
}
