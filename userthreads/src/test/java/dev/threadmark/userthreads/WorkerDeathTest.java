package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import jdk.internal.vm.Continuation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 11, defect 5: a worker that dies fails the scheduler loudly instead of stranding its fibers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerDeathTest {

    @Test
    void aDeadWorkerFailsTheSchedulerAndItsCauseIsNotMasked() throws Exception {
        Thread.UncaughtExceptionHandler quiet = (t, e) -> {}; // the dying worker's rethrow, expected here
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(quiet);
        try {
            Scheduler s = new Scheduler(2);
            s.spawn(() -> {
                throw new IllegalArgumentException("an ordinary fiber failure, recorded first");
            });
            assertTrue(Probe.await(Duration.ofSeconds(10), () -> s.counters().uncaught() == 1));
            s.spawn(() -> Fiber.sleep(Duration.ofHours(1))); // a fiber that would be stranded
            // Yielding without a state is a scheduler-level fault: it escapes the worker's runFiber.
            s.spawn(() -> Continuation.yield(Fiber.SCOPE));

            // Everyone is woken and stops: no worker is left to wait on.
            for (Worker w : s.workers) {
                w.join(Duration.ofSeconds(10));
                assertFalse(w.isAlive(), w.getName() + " still running after another worker died: " + s.describe());
            }
            RejectedExecutionException rejected = assertThrows(RejectedExecutionException.class, () -> s.spawn(() -> {}));
            assertNotNull(rejected.getCause(), "the rejection says why");
            assertTrue(rejected.getMessage().contains("died"), rejected.getMessage());

            IllegalStateException closed = assertThrows(IllegalStateException.class, s::close);
            assertTrue(closed.getCause().getMessage().contains("died"), "close reports the death first: " + closed);
            assertInstanceOf(IllegalStateException.class, closed.getCause().getCause(), "what escaped runFiber");
            assertEquals(1, closed.getSuppressed().length, "the earlier fiber failure is kept, not lost");
            assertInstanceOf(IllegalArgumentException.class, closed.getSuppressed()[0]);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
