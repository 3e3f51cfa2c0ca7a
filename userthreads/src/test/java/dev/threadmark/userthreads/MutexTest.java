package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 11, defect 7: {@link Mutex} belongs to the fiber; {@code ReentrantLock} to the carrier. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MutexTest {

    /** Why the Fiber javadoc no longer recommends it: the second fiber on the carrier gets in. */
    @Test
    void aReentrantLockHeldAcrossAYieldLetsAnotherFiberOnTheCarrierIn() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        assertEquals(Boolean.TRUE, secondFiberGetsIn(lock::tryLock, () -> {
            while (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }));
    }

    @Test
    void aMutexHeldAcrossAYieldKeepsOtherFibersOut() throws Exception {
        Mutex m = new Mutex();
        assertEquals(Boolean.FALSE, secondFiberGetsIn(m::tryLock, m::unlock));
        assertFalse(m.isLocked(), "the holder unlocked it in the end");
    }

    /** One carrier: fiber A takes the lock and yields until fiber B has tried it. */
    private static Boolean secondFiberGetsIn(BooleanSupplier tryLock, Runnable unlock) throws Exception {
        AtomicReference<Boolean> bGotIn = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        WaitGroup wg = new WaitGroup();
        wg.add(2);
        try (Scheduler s = new Scheduler(1, (f, t) -> failure.set(t))) {
            s.spawn(() -> {
                if (!tryLock.getAsBoolean()) {
                    throw new AssertionError("A could not take a free lock");
                }
                while (bGotIn.get() == null) {
                    Fiber.yieldNow(); // holding the lock
                }
                unlock.run();
                wg.done();
            });
            s.spawn(() -> {
                bGotIn.set(tryLock.getAsBoolean());
                wg.done();
            });
            wg.await();
        }
        assertNull(failure.get());
        return bGotIn.get();
    }

    /**
     * Many fibers on two workers and two platform threads increment a counter under the mutex,
     * parking, sleeping and yielding inside the critical section (so fibers migrate while holding
     * it). Nobody is ever inside with someone else, and no increment is lost.
     */
    @Test
    void mutualExclusionAcrossParksMigrationsAndPlatformThreads() throws Exception {
        Mutex m = new Mutex();
        int fibers = 200;
        int rounds = 50;
        int threadRounds = 2_000;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int[] counter = {0};
        WaitGroup wg = new WaitGroup();
        wg.add(fibers);
        Runnable critical = () -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            counter[0]++;
            inside.decrementAndGet();
        };
        try (Scheduler s = new Scheduler(2)) {
            Runnable platform = () -> {
                for (int i = 0; i < threadRounds; i++) {
                    m.lock();
                    try {
                        critical.run();
                    } finally {
                        m.unlock();
                    }
                }
            };
            Thread t1 = Thread.ofPlatform().start(platform);
            Thread t2 = Thread.ofPlatform().start(platform);
            for (int f = 0; f < fibers; f++) {
                int id = f;
                s.spawn(() -> {
                    for (int i = 0; i < rounds; i++) {
                        m.lock();
                        try {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            switch ((id + i) % 4) {
                                case 0 -> Fiber.yieldNow();
                                case 1 -> Fiber.sleep(Duration.ofNanos(20_000));
                                default -> { }
                            }
                            counter[0]++;
                            inside.decrementAndGet();
                        } finally {
                            m.unlock();
                        }
                    }
                    wg.done();
                });
            }
            wg.await();
            t1.join();
            t2.join();
        }
        assertEquals(0, overlaps.get(), "two holders at once");
        m.lock();
        try {
            assertEquals(fibers * rounds + 2 * threadRounds, counter[0]);
        } finally {
            m.unlock();
        }
    }

    @Test
    void unlockByANonHolderThrows() {
        Mutex m = new Mutex();
        assertThrows(IllegalMonitorStateException.class, m::unlock);
        m.lock();
        Thread other = Thread.ofPlatform().unstarted(() -> assertThrows(IllegalMonitorStateException.class, m::unlock));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        other.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        other.start();
        try {
            other.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertNull(failure.get());
        m.unlock();
        assertFalse(m.isLocked());
    }
}
