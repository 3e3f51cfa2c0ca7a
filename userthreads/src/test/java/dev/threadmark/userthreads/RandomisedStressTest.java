package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Many rounds of random spawn / yield / sleep / park / unpark across 1–4 workers, while a platform
 * thread throws in spurious unparks. Every fiber must run to its end exactly once; a lost wake-up
 * shows up as a timeout, a lost or doubled fiber as a count. Each round prints its seed on failure.
 */
class RandomisedStressTest {
    private static final int FIBERS = 1_500;
    private static final int MAX_CHILDREN = 1_500;

    @RepeatedTest(100)
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void randomInterleavingsLoseNothing(RepetitionInfo rep) throws Exception {
        long seed = new Random().nextLong();
        String round = "round " + rep.getCurrentRepetition() + " seed " + seed;
        SplittableRandom rnd = new SplittableRandom(seed);
        int workers = 1 + rnd.nextInt(4);
        int total = FIBERS + MAX_CHILDREN;
        AtomicIntegerArray finished = new AtomicIntegerArray(total);
        AtomicIntegerArray handedOff = new AtomicIntegerArray(FIBERS);
        AtomicReferenceArray<Fiber> fibers = new AtomicReferenceArray<>(FIBERS);
        AtomicInteger nextChild = new AtomicInteger(FIBERS);
        WaitGroup wg = new WaitGroup();
        AtomicBoolean stop = new AtomicBoolean();

        Scheduler s = new Scheduler(workers);
        Thread noise = Thread.ofPlatform().start(() -> { // spurious unparks from outside
            SplittableRandom r = new SplittableRandom(seed ^ 1);
            while (!stop.get()) {
                Fiber f = fibers.get(r.nextInt(FIBERS));
                if (f != null) {
                    f.unpark();
                }
                LockSupport.parkNanos(20_000);
            }
        });
        try (s) {
            wg.add(FIBERS);
            for (int i = 0; i < FIBERS; i++) {
                int id = i;
                long fiberSeed = rnd.nextLong();
                fibers.set(id, s.spawn(() -> body(s, id, new SplittableRandom(fiberSeed), fibers, handedOff, finished,
                        nextChild, wg)));
            }
            if (!wg.await(Duration.ofSeconds(20))) {
                StringBuilder stuck = new StringBuilder();
                for (int i = 0; i < FIBERS; i++) {
                    if (finished.get(i) == 0) {
                        stuck.append(' ').append(i).append('=').append(fibers.get(i));
                    }
                }
                throw new AssertionError(round + ": hung; " + s.describe() + "; unfinished:" + stuck);
            }
        } finally {
            stop.set(true);
            noise.join();
        }
        int children = nextChild.get() - FIBERS;
        for (int i = 0; i < FIBERS + Math.min(children, MAX_CHILDREN); i++) {
            assertEquals(1, finished.get(i), round + ": fiber " + i + " finished count");
        }
        SchedulerCounters c = s.counters();
        assertEquals(c.spawned(), c.completed(), round + ": " + c);
        assertEquals(0, c.uncaught(), round);
        assertTrue(c.spawned() >= FIBERS, round);
    }

    /**
     * Even fibers hand a token to the next odd one (set flag, then unpark); odd fibers park until
     * they hold it. In between, each does random yields, sleeps and child spawns.
     */
    private static void body(Scheduler s, int id, SplittableRandom r, AtomicReferenceArray<Fiber> fibers,
            AtomicIntegerArray handedOff, AtomicIntegerArray finished,
            AtomicInteger nextChild, WaitGroup wg) {
        randomSteps(s, r, finished, nextChild, wg);
        if (id % 2 == 0 && id + 1 < fibers.length()) {
            handedOff.set(id + 1, 1);
            Fiber partner;
            while ((partner = fibers.get(id + 1)) == null) {
                Fiber.yieldNow();
            }
            partner.unpark();
        } else if (id % 2 == 1) {
            while (handedOff.get(id) == 0) {
                Fiber.park();
            }
        }
        randomSteps(s, r, finished, nextChild, wg);
        finished.incrementAndGet(id);
        wg.done();
    }

    private static void randomSteps(Scheduler s, SplittableRandom r, AtomicIntegerArray finished,
            AtomicInteger nextChild, WaitGroup wg) {
        int steps = r.nextInt(4);
        for (int i = 0; i < steps; i++) {
            switch (r.nextInt(4)) {
                case 0 -> Fiber.yieldNow();
                case 1 -> Fiber.sleep(Duration.ofNanos(r.nextInt(300_000)));
                case 2 -> {
                    int child = nextChild.getAndIncrement();
                    if (child < finished.length()) {
                        wg.add(1);
                        boolean sleepy = r.nextBoolean();
                        s.spawn(() -> {
                            if (sleepy) {
                                Fiber.sleep(Duration.ofNanos(50_000));
                            } else {
                                Fiber.yieldNow();
                            }
                            finished.incrementAndGet(child);
                            wg.done();
                        });
                    }
                }
                default -> Thread.onSpinWait();
            }
        }
    }
}
