package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 11, defect 6: what races {@code close()} is either done before it or rejected, never dropped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseTest {

    @Test
    void unparkAfterCloseIsRejectedNotDropped() throws Exception {
        AtomicReference<Fiber> parked = new AtomicReference<>();
        Scheduler s = new Scheduler(1);
        s.spawn(() -> {
            parked.set(Fiber.current());
            Fiber.park();
        });
        assertTrue(Probe.await(Duration.ofSeconds(10), () -> parked.get() != null && parked.get().toString().contains("parked")));
        s.close();
        assertThrows(RejectedExecutionException.class, parked.get()::unpark);
    }

    /** Outside spawns racing close: each is counted by close (done before it) or rejected. */
    @RepeatedTest(20)
    void spawnRacingCloseIsCountedOrRejected() throws Exception {
        Scheduler s = new Scheduler(2);
        AtomicLong accepted = new AtomicLong();
        Runnable submitter = () -> {
            try {
                for (;;) {
                    s.spawn(() -> {});
                    accepted.incrementAndGet();
                }
            } catch (RejectedExecutionException expected) {
                // close has begun
            }
        };
        Thread a = Thread.ofPlatform().start(submitter);
        Thread b = Thread.ofPlatform().start(submitter);
        assertTrue(Probe.await(Duration.ofSeconds(10), () -> accepted.get() > 1_000));
        s.close();
        SchedulerCounters atClose = s.counters();
        a.join();
        b.join();
        assertEquals(accepted.get(), atClose.spawned(), "every spawn that returned happened before close returned");
        assertEquals(atClose, s.counters(), "counters are final once close returns");
    }

    /**
     * A WaitGroup shared by a fiber of a closed scheduler and a platform thread: the fiber cannot
     * be woken, so {@code done} says so, but only after releasing the platform waiter.
     */
    @Test
    void aRejectedWakeUpDoesNotStopTheOtherWaitersRelease() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        AtomicReference<Boolean> released = new AtomicReference<>();
        Thread platformWaiter = Thread.ofPlatform().start(() -> {
            try {
                released.set(wg.await(Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
                released.set(false);
            }
        });
        assertTrue(Probe.await(Duration.ofSeconds(10), () -> platformWaiter.getState() == Thread.State.TIMED_WAITING));
        // The fiber waits second, so its node is released first (the waiters are a stack).
        AtomicReference<Fiber> fiberWaiter = new AtomicReference<>();
        Scheduler s = new Scheduler(1);
        s.spawn(() -> {
            fiberWaiter.set(Fiber.current());
            try {
                wg.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(Probe.await(Duration.ofSeconds(10), () -> fiberWaiter.get() != null
                && fiberWaiter.get().toString().contains("parked")));
        s.close();
        assertThrows(RejectedExecutionException.class, wg::done);
        platformWaiter.join();
        assertEquals(Boolean.TRUE, released.get(), "the platform waiter was released despite the rejection");
    }
}
