package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SubprocessTest {

    @Test
    void aHungChildIsKilledAtTheTimeout() throws Exception {
        long start = System.nanoTime();
        Subprocess hung = Subprocess.run(List.of("sh", "-c", "echo started; exec sleep 60"), Duration.ofMillis(300));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(hung.timedOut(), hung.toString());
        assertFalse(hung.succeeded());
        assertTrue(ms < 10_000, "the wait must end at the timeout, not with the child: " + ms + " ms");
        assertTrue(hung.failure(Duration.ofMillis(300)).contains("killed after") && hung.output().contains("started"),
                hung.failure(Duration.ofMillis(300)));
    }

    @Test
    void aChildThatWritesMoreThanAPipeHoldsStillFinishes() throws Exception {
        // 1 MB of output: a pipe read only after waitFor would block the child forever.
        Subprocess chatty = Subprocess.run(List.of("sh", "-c", "head -c 1000000 /dev/zero | tr '\\\\0' x; echo; echo last"),
                Duration.ofSeconds(20));
        assertTrue(chatty.succeeded(), chatty.failure(Duration.ofSeconds(20)));
        assertEquals("last", chatty.lastLine());
    }

    @Test
    void aWatchdogKillsTheForksOfAHungPoint() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try (PointWatchdog dog = new PointWatchdog(Duration.ofMillis(200))) {
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the watchdog did not kill the child");
            assertTrue(dog.fired());
            assertTrue(dog.reason().startsWith("timed out"), dog.reason());
        }
    }
}
