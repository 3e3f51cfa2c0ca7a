package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13 section 3: the hand-off of blocked carriers to spares ({@link Sysmon}). Each test
 * says which feature it proves, i.e. what would make it fail.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandOffTest {

    /**
     * Fails without the monitor: 50 fibers each calling a plain {@code Thread.sleep(100 ms)} on 2
     * workers hold their carriers, 25 × 100 ms = 2.5 s without a hand-off. The bound is generous
     * (a property, not a performance target). Checked by running it with {@code monitor = false}:
     * it then takes 2.5 s and fails.
     */
    @Test
    void plainThreadSleepsOverlapThanksToTheMonitor() throws Exception {
        long elapsed = runSleepers(new Scheduler(2, null, Sysmon.DEFAULT_MAX_SPARES, Sysmon.DEFAULT_KEEP_ALIVE, true), 50, 100);
        assertTrue(elapsed < 1_500, "50 × Thread.sleep(100 ms) on 2 workers took " + elapsed + " ms");
    }

    /** The same, with the monitor off: proves the test above can fail (no hand-off, ⌈50 / 2⌉ sleeps). */
    @Test
    void withoutTheMonitorTheSleepsQueueBehindTheirCarriers() throws Exception {
        long elapsed = runSleepers(new Scheduler(2, null, Sysmon.DEFAULT_MAX_SPARES, Sysmon.DEFAULT_KEEP_ALIVE, false), 50, 100);
        assertTrue(elapsed >= 2_400, "without the monitor 50 × 100 ms on 2 carriers cannot take " + elapsed + " ms");
    }

    private static long runSleepers(Scheduler s, int n, long sleepMillis) throws Exception {
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            s.spawn(() -> {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), s::describe);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        s.close();
        return elapsed;
    }

    /**
     * Fails without {@link Fiber#blocking}'s hand-off (the monitor is off here): the only carrier
     * blocks on a latch that only the fibers queued behind it can count down.
     */
    @Test
    void blockingHandsOffAtOnce() throws Exception {
        Scheduler s = new Scheduler(1, null, 4, Sysmon.DEFAULT_KEEP_ALIVE, false);
        CountDownLatch children = new CountDownLatch(5);
        AtomicReference<Boolean> released = new AtomicReference<>();
        CountDownLatch end = new CountDownLatch(1);
        s.spawn(() -> {
            for (int i = 0; i < 5; i++) {
                s.spawn(children::countDown); // queued on this worker (LIFO slot and local queue)
            }
            try {
                released.set(Fiber.blocking(() -> children.await(10, TimeUnit.SECONDS)));
            } catch (Exception e) {
                released.set(false);
            }
            end.countDown();
        });
        assertTrue(end.await(30, TimeUnit.SECONDS), s::describe);
        assertTrue(released.get(), "the queued fibers did not run while their carrier blocked: " + s.describe());
        s.close();
        SchedulerCounters.Spares c = s.counters().spares();
        assertEquals(1, c.blockingCalls());
        assertTrue(c.started() >= 1, c.toString());
    }

    /** Fails without the cap: with at most 3 spares, never more than 2 + 3 fibers block at once. */
    @Test
    void theCapHolds() throws Exception {
        Scheduler s = new Scheduler(2, 3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(40);
        for (int i = 0; i < 40; i++) {
            s.spawn(() -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                inside.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), s::describe);
        s.close();
        SchedulerCounters.Spares c = s.counters().spares();
        assertTrue(most.get() <= 5, "at most 2 workers + 3 spares block at once, saw " + most.get());
        assertTrue(c.peak() <= 3, c.toString());
        assertEquals(3, c.cap());
        assertTrue(c.started() >= 1, "the hand-off never ran: " + c);
    }

    /** Fails if spares never retire: with a 100 ms keep-alive, every spare ends once the blocking stops. */
    @Test
    void sparesRetireWhenIdle() throws Exception {
        Scheduler s = new Scheduler(2, null, 64, Duration.ofMillis(100), true);
        CountDownLatch done = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            s.spawn(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), s::describe);
        assertTrue(s.counters().spares().started() > 0, "no spare was started");
        List<Worker> spares = s.sysmon.liveSpareThreads();
        assertTrue(Probe.await(Duration.ofSeconds(10), () -> s.sysmon.liveSpares() == 0),
                "spares still alive long after the keep-alive: " + s.describe());
        for (Worker sp : spares) {
            sp.join(10_000);
            assertFalse(sp.isAlive(), sp + " retired but its thread did not end");
        }
        SchedulerCounters.Spares c = s.counters().spares();
        assertEquals(c.started(), c.retired(), c.toString());
        s.close();
    }

    /**
     * close() while carriers (core and spare) are blocked: it waits for the blocked calls to
     * return, and no thread of the scheduler survives it (workers, spares, the monitor).
     */
    @Test
    void closeJoinsEverySpare() throws Exception {
        Scheduler s = new Scheduler(2, null, 64, Duration.ofSeconds(30), true);
        CountDownLatch blocked = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            s.spawn(() -> {
                blocked.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertTrue(blocked.await(10, TimeUnit.SECONDS), "the sleepers never all started (no hand-off?): " + s.describe());
        List<Worker> spares = s.sysmon.liveSpareThreads();
        assertFalse(spares.isEmpty());
        s.close();
        for (Worker sp : spares) {
            assertFalse(sp.isAlive(), sp + " survived close");
        }
        for (Worker w : s.workers) {
            assertFalse(w.isAlive(), w + " survived close");
        }
        assertFalse(s.sysmon.isAlive(), "the monitor survived close");
        assertEquals(0, s.sysmon.liveSpares());
        assertEquals(10, s.counters().completed());
    }

    /**
     * Hand-offs racing with wake-ups and unparks: fibers block their carriers in
     * {@code Thread.sleep}, {@code LockSupport.park} and a {@code CountDownLatch} while others
     * spawn, park and unpark, and sleep on the scheduler's timers. Everything must finish, and
     * every fiber must be counted once. The cap (48) exceeds the 40 parents that may block at
     * once waiting for their children: a carrier blocked on what only another fiber can release
     * needs a free carrier for that fiber, so a cap below that would deadlock (see
     * {@link Fiber#blocking}).
     */
    @Test
    void handOffsRaceWithWakeUps() throws Exception {
        for (int rep = 0; rep < 10; rep++) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Scheduler s = new Scheduler(2, (f, t) -> failure.compareAndSet(null, t), 48, Duration.ofMillis(50), true);
            int groups = 40;
            AtomicInteger finished = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(groups);
            for (int g = 0; g < groups; g++) {
                int kind = g % 4;
                s.spawn(() -> {
                    CountDownLatch gate = new CountDownLatch(3);
                    AtomicReference<Fiber> parked = new AtomicReference<>();
                    Thread me = Thread.currentThread(); // the carrier
                    for (int c = 0; c < 3; c++) {
                        int k = c;
                        s.spawn(() -> {
                            Fiber.sleep(Duration.ofNanos(100_000 * k));
                            Fiber p;
                            while ((p = parked.get()) == null) {
                                Fiber.yieldNow();
                            }
                            p.unpark();
                            gate.countDown();
                            finished.incrementAndGet();
                        });
                    }
                    parked.set(Fiber.current());
                    switch (kind) {
                        case 0 -> sleepQuietly(1);
                        case 1 -> java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                        case 2 -> awaitQuietly(gate); // blocks the carrier until the children ran elsewhere
                        default -> Fiber.park();
                    }
                    awaitQuietly(gate);
                    assertTrue(me != null);
                    finished.incrementAndGet();
                    done.countDown();
                });
            }
            boolean allDone = done.await(30, TimeUnit.SECONDS);
            if (failure.get() != null) {
                throw new AssertionError("a fiber failed", failure.get());
            }
            assertTrue(allDone, s::describe);
            s.close();
            assertEquals(groups * 4, finished.get());
            SchedulerCounters c = s.counters();
            assertEquals(c.spawned(), c.completed(), c.toString());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never opened");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
