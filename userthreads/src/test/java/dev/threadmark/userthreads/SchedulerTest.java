package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import jdk.internal.vm.Continuation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchedulerTest {

    @Test
    void everySpawnedFiberRunsExactlyOnce() throws Exception {
        int n = 200_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        WaitGroup wg = new WaitGroup();
        wg.add(n);
        try (Scheduler s = new Scheduler(2)) {
            for (int i = 0; i < n; i++) {
                int id = i;
                s.spawn(() -> {
                    runs.incrementAndGet(id);
                    wg.done();
                });
            }
            wg.await();
            for (int i = 0; i < n; i++) {
                assertEquals(1, runs.get(i), "runs of fiber " + i);
            }
        }
    }

    @Test
    void recursiveTreeOfOneHundredThousandSpawnedFromFibers() throws Exception {
        int nodes = 100_000;
        AtomicInteger visited = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Scheduler s = new Scheduler(2);
        try (s) {
            s.spawn(() -> tree(s, 0, nodes, visited, wg));
            wg.await();
        }
        assertEquals(nodes, visited.get());
        SchedulerCounters c = s.counters();
        assertEquals(nodes, c.spawned());
        assertEquals(nodes, c.completed());
        assertEquals(0, c.abandoned());
    }

    /** Node {@code id} of a binary tree of {@code nodes} nodes spawns its two children. */
    private static void tree(Scheduler s, int id, int nodes, AtomicInteger visited, WaitGroup wg) {
        visited.incrementAndGet();
        for (int child = 2 * id + 1; child <= 2 * id + 2; child++) {
            if (child < nodes) {
                int c = child;
                wg.add(1);
                s.spawn(() -> tree(s, c, nodes, visited, wg));
            }
        }
        wg.done();
    }

    @Test
    void sleepParksTheFiberNotTheCarrier() throws Exception {
        // One worker, 2 000 fibers of 50 ms: only possible in about one sleep if the carrier is free.
        int n = 2_000;
        WaitGroup wg = new WaitGroup();
        wg.add(n);
        try (Scheduler s = new Scheduler(1)) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s.spawn(() -> {
                    Fiber.sleep(Duration.ofMillis(50));
                    wg.done();
                });
            }
            wg.await();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 50 && ms < 10_000, "2000 x 50 ms on one carrier took " + ms + " ms");
            assertEquals(n, s.counters().timerFires());
        }
    }

    @Test
    void timersFireInOrderAndNeverEarly() throws Exception {
        int n = 200;
        List<Integer> order = new CopyOnWriteArrayList<>();
        long[] deadlines = new long[n];
        AtomicReference<String> early = new AtomicReference<>();
        WaitGroup wg = new WaitGroup();
        wg.add(n);
        try (Scheduler s = new Scheduler(1)) {
            s.spawn(() -> {
                for (int i = n - 1; i >= 0; i--) { // spawned latest-deadline first
                    int id = i;
                    s.spawn(() -> {
                        long sleep = 2_000_000L + id * 300_000L; // 2 ms + 0.3 ms steps
                        long start = System.nanoTime();
                        deadlines[id] = start + sleep;
                        Fiber.sleep(Duration.ofNanos(sleep));
                        long slept = System.nanoTime() - start;
                        if (slept < sleep) {
                            early.compareAndSet(null, "fiber " + id + " slept " + slept + " < " + sleep);
                        }
                        order.add(id);
                        wg.done();
                    });
                }
            });
            wg.await();
        }
        assertNull(early.get());
        // One worker fires its timers in deadline order. Deadlines are set when each fiber first
        // runs, a few µs apart, so with 0.3 ms steps they usually follow the ids — unless the
        // carrier was preempted between two fibers' first runs on a loaded machine. What the
        // scheduler owes is the deadlines' order; deadlines under 50 µs apart may swap (the test
        // takes its own reading of the clock, not the scheduler's).
        for (int i = 0; i + 1 < n; i++) {
            long a = deadlines[order.get(i)];
            long b = deadlines[order.get(i + 1)];
            assertTrue(a <= b + 50_000, "fiber " + order.get(i) + " (deadline " + a + ") woke before fiber "
                    + order.get(i + 1) + " (deadline " + b + "): " + order);
        }
    }

    @Test
    void parkUnparkPingPong() throws Exception {
        int rounds = 20_000;
        AtomicInteger ball = new AtomicInteger(); // even: ping's turn, odd: pong's
        AtomicReference<Fiber> ping = new AtomicReference<>();
        AtomicReference<Fiber> pong = new AtomicReference<>();
        WaitGroup wg = new WaitGroup();
        wg.add(2);
        try (Scheduler s = new Scheduler(2)) {
            ping.set(s.spawn(() -> play(ball, 0, rounds, pong, wg)));
            pong.set(s.spawn(() -> play(ball, 1, rounds, ping, wg)));
            wg.await();
            assertEquals(2 * rounds, ball.get());
        }
    }

    private static void play(AtomicInteger ball, int parity, int rounds, AtomicReference<Fiber> other, WaitGroup wg) {
        for (int i = 0; i < rounds; i++) {
            while ((ball.get() & 1) != parity) {
                Fiber.park();
            }
            ball.incrementAndGet();
            Fiber o;
            while ((o = other.get()) == null) {
                Fiber.yieldNow();
            }
            o.unpark();
        }
        wg.done();
    }

    @Test
    void unparkBeforeParkIsNotLost() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (Scheduler s = new Scheduler(1)) {
            s.spawn(() -> {
                Fiber self = Fiber.current();
                self.unpark();
                Fiber.park(); // returns at once: the permit was already there
                wg.done();
            });
            wg.await();
        }
    }

    @Test
    void uncaughtExceptionReachesCloseByDefault() throws Exception {
        Scheduler s = new Scheduler(2);
        WaitGroup wg = new WaitGroup();
        wg.add(3);
        for (int i = 0; i < 3; i++) {
            int id = i;
            s.spawn(() -> {
                wg.done();
                if (id == 1) {
                    throw new IllegalArgumentException("fiber boom");
                }
            });
        }
        wg.await();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::close);
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("1 user thread(s) failed"), e.getMessage());
        assertEquals(1, s.counters().uncaught());
    }

    @Test
    void uncaughtExceptionGoesToTheHandler() throws Exception {
        ConcurrentLinkedQueue<Throwable> seen = new ConcurrentLinkedQueue<>();
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (Scheduler s = new Scheduler(1, (f, t) -> {
            seen.add(t);
            wg.done();
        })) {
            s.spawn(() -> {
                throw new IllegalStateException("to handler");
            });
            wg.await();
        }
        assertEquals("to handler", seen.peek().getMessage());
    }

    @Test
    void closeWithWorkPendingStopsWorkersAndAbandonsFibers() throws Exception {
        Scheduler s = new Scheduler(2);
        WaitGroup started = new WaitGroup();
        int parkers = 100;
        started.add(parkers);
        for (int i = 0; i < parkers; i++) {
            s.spawn(() -> {
                started.done();
                Fiber.park(); // nobody unparks: pending forever
            });
        }
        for (int i = 0; i < 100; i++) {
            s.spawn(() -> Fiber.sleep(Duration.ofHours(1)));
        }
        started.await();
        s.close();
        for (Worker w : s.workers) {
            assertFalse(w.isAlive(), w + " survived close");
        }
        assertEquals(200, s.counters().abandoned());
        assertThrows(RejectedExecutionException.class, () -> s.spawn(() -> {}));
    }

    @Test
    void yieldWhilePinnedIsAClearErrorNotAHang() throws Exception {
        AtomicReference<Throwable> caught = new AtomicReference<>();
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (Scheduler s = new Scheduler(1)) {
            s.spawn(() -> {
                Continuation.pin();
                try {
                    Fiber.yieldNow();
                } catch (Throwable t) {
                    caught.set(t);
                } finally {
                    Continuation.unpin();
                }
                Fiber.yieldNow(); // and the fiber still works afterwards
                wg.done();
            });
            wg.await();
        }
        assertInstanceOf(Fiber.PinnedException.class, caught.get());
        assertTrue(caught.get().getMessage().contains("CRITICAL_SECTION"), caught.get().getMessage());
    }

    @Test
    void fiberApiOutsideAFiberFailsClearly() {
        assertNull(Fiber.current());
        IllegalStateException e = assertThrows(IllegalStateException.class, Fiber::park);
        assertTrue(e.getMessage().startsWith("not on a user thread"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Fiber.sleep(Duration.ofMillis(1)));
    }

    @Test
    void currentIsTheRunningFiber() throws Exception {
        AtomicReference<Fiber> inside = new AtomicReference<>();
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (Scheduler s = new Scheduler(1)) {
            Fiber f = s.spawn(() -> {
                Fiber.yieldNow();
                inside.set(Fiber.current());
                wg.done();
            });
            wg.await();
            assertSame(f, inside.get());
        }
    }

    @Test
    void badWorkerCountIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Scheduler(0));
        assertThrows(IllegalArgumentException.class, () -> new Scheduler(65));
    }
}
