package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaitGroupTest {

    @Test
    void negativeCounterThrowsLikeGoPanics() {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        wg.done();
        IllegalStateException e = assertThrows(IllegalStateException.class, wg::done);
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertEquals(0, wg.count(), "a refused add changes nothing");
    }

    @Test
    void awaitOnZeroReturnsAtOnce() throws Exception {
        new WaitGroup().await();
    }

    @RepeatedTest(10)
    void contentionFromFibersAndPlatformThreadsAtOnce() throws Exception {
        int rounds = 20;
        try (Scheduler s = new Scheduler(2)) {
            for (int round = 0; round < rounds; round++) {
                WaitGroup wg = new WaitGroup();
                int workers = 2_000;
                wg.add(workers);
                AtomicInteger released = new AtomicInteger();
                WaitGroup waitersDone = new WaitGroup();
                int fiberWaiters = 50;
                int threadWaiters = 4;
                waitersDone.add(fiberWaiters + threadWaiters);
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < threadWaiters; i++) {
                    threads.add(Thread.ofPlatform().start(() -> {
                        try {
                            wg.await();
                            released.incrementAndGet();
                            waitersDone.done();
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    }));
                }
                for (int i = 0; i < fiberWaiters; i++) {
                    s.spawn(() -> {
                        try {
                            wg.await();
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                        released.incrementAndGet();
                        waitersDone.done();
                    });
                }
                AtomicInteger doneCalls = new AtomicInteger();
                for (int i = 0; i < workers; i++) {
                    boolean sleepFirst = i % 7 == 0;
                    s.spawn(() -> {
                        if (sleepFirst) {
                            Fiber.sleep(Duration.ofNanos(100_000));
                        } else {
                            Fiber.yieldNow();
                        }
                        doneCalls.incrementAndGet();
                        wg.done();
                    });
                }
                waitersDone.await();
                for (Thread t : threads) {
                    t.join();
                }
                assertEquals(workers, doneCalls.get(), "nobody released before the counter reached zero");
                assertEquals(fiberWaiters + threadWaiters, released.get());
            }
        }
    }

    @Test
    void platformWaiterCanBeInterrupted() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                wg.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        // Interrupt it once it is blocked in await (a WaitGroup park), not before.
        assertTrue(Probe.await(Duration.ofSeconds(10), () -> t.getState() == Thread.State.WAITING
                && LockSupport.getBlocker(t) == wg));
        t.interrupt();
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
        wg.done(); // the cancelled waiter is skipped, nothing breaks
        assertFalse(t.isAlive() && !t.join(Duration.ofSeconds(10)));
    }

    @Test
    void reusableAcrossCycles() throws Exception {
        WaitGroup wg = new WaitGroup();
        try (Scheduler s = new Scheduler(2)) {
            for (int cycle = 0; cycle < 100; cycle++) {
                wg.add(10);
                for (int i = 0; i < 10; i++) {
                    s.spawn(wg::done);
                }
                wg.await();
                assertEquals(0, wg.count());
            }
        }
    }

    /**
     * Issue 11, defect 4, as a loop (jcstress's {@code WaitGroupStress} is the exhaustive form):
     * one thread brings the counter to zero while another adds one and checks with a zero-timeout
     * await. After its add the counter is 1 for good, so the await must say false every time.
     */
    @Test
    void reuseNeverReleasesAWaiterOfTheNextGeneration() throws Exception {
        int rounds = 200_000;
        AtomicInteger go = new AtomicInteger(-1);
        AtomicInteger finished = new AtomicInteger(-1);
        WaitGroup[] groups = new WaitGroup[rounds];
        for (int i = 0; i < rounds; i++) {
            groups[i] = new WaitGroup();
            groups[i].add(1);
        }
        Thread finisher = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < rounds; i++) {
                while (go.get() < i) {
                    Thread.onSpinWait();
                }
                groups[i].done();
                finished.set(i);
            }
        });
        int early = 0;
        for (int i = 0; i < rounds; i++) {
            go.set(i);
            groups[i].add(1);
            if (groups[i].await(Duration.ZERO)) {
                early++;
            }
            while (finished.get() < i) {
                Thread.onSpinWait();
            }
        }
        finisher.join();
        assertEquals(0, early, "awaits released while the counter was 1, of " + rounds);
    }
}
