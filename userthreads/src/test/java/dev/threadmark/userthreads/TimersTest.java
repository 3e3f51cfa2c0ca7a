package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 11, defects 2 and 6 (overflow): timers fire even when their owner cannot, and never overflow. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimersTest {

    /**
     * The repro: a fiber spawns a second fiber and sleeps 20 ms; the second blocks its
     * carrier in a plain {@code CountDownLatch.await} until the first wakes. When both land on
     * one worker, the sleeper's timer is on the blocked worker: only the idle one can fire it,
     * and only if it parks no longer than that timer. It hung in about half the rounds before.
     */
    @Test
    void aBlockedWorkersTimersAreFiredByAnIdleOne() throws Exception {
        try (Scheduler s = new Scheduler(2)) {
            for (int round = 0; round < 20; round++) {
                CountDownLatch sleeperWoke = new CountDownLatch(1);
                CountDownLatch blockerDone = new CountDownLatch(1);
                AtomicReference<Boolean> sawWake = new AtomicReference<>();
                s.spawn(() -> {
                    s.spawn(() -> {
                        try {
                            sawWake.set(sleeperWoke.await(3, TimeUnit.SECONDS)); // blocks the carrier
                        } catch (InterruptedException e) {
                            sawWake.set(false);
                        }
                        blockerDone.countDown();
                    });
                    Fiber.sleep(Duration.ofMillis(20));
                    sleeperWoke.countDown();
                });
                assertTrue(blockerDone.await(20, TimeUnit.SECONDS), "round " + round + ": " + s.describe());
                assertTrue(sawWake.get(), "round " + round + ": the sleeper's timer did not fire within 3 s while "
                        + "its worker was blocked");
            }
        }
    }

    @Test
    void aHugeSleepDoesNotOverflow() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Scheduler s = new Scheduler(1);
        try (s) {
            s.spawn(() -> {
                try {
                    Fiber.sleep(Duration.ofSeconds(Long.MAX_VALUE)); // toNanos() alone would throw
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            s.spawn(() -> Fiber.sleep(Duration.ofDays(365L * 200))); // nanoTime() + nanos would wrap
            assertTrue(Probe.await(Duration.ofSeconds(10), () -> s.workers[0].timerCount() == 2 || failure.get() != null));
            assertNull(failure.get());
            // and the far timers do not look due: a short sleep still wakes, the long ones do not
            CountDownLatch shortOne = new CountDownLatch(1);
            s.spawn(() -> {
                Fiber.sleep(Duration.ofMillis(5));
                shortOne.countDown();
            });
            assertTrue(shortOne.await(10, TimeUnit.SECONDS));
            assertEquals(2, s.workers[0].timerCount());
        }
        assertEquals(2, s.counters().abandoned());
    }

    @Test
    void aHugeWaitGroupTimeoutDoesNotOverflow() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Thread doner = Thread.ofPlatform().start(() -> {
            Probe.await(Duration.ofSeconds(10), () -> waiting(wg)); // then done() releases a real wait
            wg.done();
        });
        try {
            assertTrue(wg.await(Duration.ofSeconds(Long.MAX_VALUE)));
        } catch (ArithmeticException e) {
            fail("overflowed: " + e);
        } finally {
            doner.join();
        }
    }

    /** Whether a waiter has queued on {@code wg} (read through its private stack, for this test only). */
    private static boolean waiting(WaitGroup wg) {
        try {
            var f = WaitGroup.class.getDeclaredField("waiters");
            f.setAccessible(true);
            return ((AtomicReference<?>) f.get(wg)).get() != null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
