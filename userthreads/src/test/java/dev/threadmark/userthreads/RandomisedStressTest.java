package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Many repetitions of random spawn / yield / sleep / park / unpark across 1–4 workers. Each
 * repetition runs two rounds on one scheduler with an idle gap between them, in which every
 * worker must really park (so the second round starts from parked workers and exercises the
 * wake-up protocol, not spinning ones). Fibers are spawned by two or three outside submitter
 * threads at once, while a platform thread throws in spurious unparks; with two or more workers,
 * some fibers block their carrier (a plain {@code CountDownLatch.await}) until a sleeping fiber
 * they spawned wakes, which needs other workers to steal and to fire timers.
 *
 * <p>Every fiber must run to its end exactly once: a lost or doubled fiber shows up as a count.
 * A stall, no fiber finishing for over one second, is a failure with the scheduler's state; so
 * is a blocked carrier that waited over three seconds. Each failure names its seed. The rounds
 * run are printed at the end.
 */
class RandomisedStressTest {
    private static final int FIBERS = 1_500;
    private static final int MAX_CHILDREN = 1_500;
    private static final Duration STALL = Duration.ofSeconds(1);
    private static final AtomicLong roundsRun = new AtomicLong();
    private static final AtomicLong blockedCarriers = new AtomicLong();

    @RepeatedTest(100)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomInterleavingsLoseNothing(RepetitionInfo rep) throws Exception {
        long seed = new Random().nextLong();
        SplittableRandom rnd = new SplittableRandom(seed);
        int workers = 1 + rnd.nextInt(4);
        String name = "repetition " + rep.getCurrentRepetition() + " seed " + seed + " workers " + workers;
        Scheduler s = new Scheduler(workers);
        try (s) {
            for (int round = 0; round < 2; round++) {
                if (round > 0) {
                    // The idle gap: every worker parks, so the next round must wake them.
                    assertTrue(Probe.await(Duration.ofSeconds(5), () -> allParked(s)),
                            name + ": workers did not park in the idle gap: " + s.describe());
                }
                round(s, workers, rnd, name + " round " + round);
                roundsRun.incrementAndGet();
            }
        }
        SchedulerCounters c = s.counters();
        assertEquals(c.spawned(), c.completed(), name + ": " + c);
        assertEquals(0, c.uncaught(), name);
    }

    private static void round(Scheduler s, int workers, SplittableRandom rnd, String name) throws Exception {
        int total = FIBERS + MAX_CHILDREN;
        AtomicIntegerArray finished = new AtomicIntegerArray(total);
        AtomicIntegerArray handedOff = new AtomicIntegerArray(FIBERS);
        AtomicReferenceArray<Fiber> fibers = new AtomicReferenceArray<>(FIBERS);
        AtomicInteger nextChild = new AtomicInteger(FIBERS);
        AtomicInteger finishedCount = new AtomicInteger();
        AtomicReference<String> fault = new AtomicReference<>();
        // At most workers - 1 carriers blocked at once, or nobody is left to unblock them.
        Semaphore mayBlock = new Semaphore(Math.max(0, workers - 1));
        Shared sh = new Shared(s, fibers, handedOff, finished, finishedCount, nextChild, mayBlock, fault,
                new WaitGroup());
        sh.wg.add(FIBERS);
        AtomicBoolean stop = new AtomicBoolean();
        long noiseSeed = rnd.nextLong();
        Thread noise = Thread.ofPlatform().start(() -> { // spurious unparks from outside
            SplittableRandom r = new SplittableRandom(noiseSeed);
            while (!stop.get()) {
                Fiber f = fibers.get(r.nextInt(FIBERS));
                if (f != null) {
                    f.unpark();
                }
                LockSupport.parkNanos(20_000);
            }
        });
        int submitters = 2 + rnd.nextInt(2);
        List<Thread> outside = new ArrayList<>();
        for (int t = 0; t < submitters; t++) {
            int first = t;
            long[] seeds = rnd.longs(FIBERS).toArray();
            outside.add(Thread.ofPlatform().start(() -> {
                for (int id = first; id < FIBERS; id += submitters) {
                    int i = id;
                    SplittableRandom r = new SplittableRandom(seeds[i]);
                    fibers.set(i, s.spawn(() -> body(sh, i, r)));
                }
            }));
        }
        try {
            awaitWithoutStall(sh, name);
        } finally {
            stop.set(true);
            noise.join();
            for (Thread t : outside) {
                t.join();
            }
        }
        assertEquals(null, fault.get(), name);
        int children = Math.min(nextChild.get() - FIBERS, MAX_CHILDREN);
        for (int i = 0; i < FIBERS + children; i++) {
            assertEquals(1, finished.get(i), name + ": fiber " + i + " finished count");
        }
    }

    /** Waits for the round, failing on any second in which no fiber finished. */
    private static void awaitWithoutStall(Shared sh, String name) throws InterruptedException {
        int seen = -1;
        long lastProgress = System.nanoTime();
        while (!sh.wg.await(Duration.ofMillis(50))) {
            int now = sh.finishedCount.get();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                StringBuilder stuck = new StringBuilder();
                for (int i = 0; i < FIBERS && stuck.length() < 2_000; i++) {
                    if (sh.finished.get(i) == 0) {
                        stuck.append(' ').append(i).append('=').append(sh.fibers.get(i));
                    }
                }
                throw new AssertionError(name + ": stalled over " + STALL.toMillis() + " ms at " + now
                        + " finished; " + sh.s.describe() + "; unfinished:" + stuck);
            }
        }
    }

    private static boolean allParked(Scheduler s) {
        for (Worker w : s.workers) {
            if (!Probe.idleAndParked(s, w)) {
                return false;
            }
        }
        return true;
    }

    @AfterAll
    static void report() {
        System.out.println("RandomisedStressTest: " + roundsRun.get() + " rounds run, " + blockedCarriers.get()
                + " carriers blocked on purpose, no stall over " + STALL.toMillis() + " ms");
    }

    private record Shared(Scheduler s, AtomicReferenceArray<Fiber> fibers, AtomicIntegerArray handedOff,
            AtomicIntegerArray finished, AtomicInteger finishedCount, AtomicInteger nextChild, Semaphore mayBlock,
            AtomicReference<String> fault, WaitGroup wg) {

        void finish(int id) {
            finished.incrementAndGet(id);
            finishedCount.incrementAndGet();
            wg.done();
        }
    }

    /**
     * Even fibers hand a token to the next odd one (set flag, then unpark); odd fibers park until
     * they hold it. Before and after, each does random yields, sleeps, child spawns and carrier blocks.
     */
    private static void body(Shared sh, int id, SplittableRandom r) {
        randomSteps(sh, r);
        if (id % 2 == 0 && id + 1 < FIBERS) {
            sh.handedOff.set(id + 1, 1);
            Fiber partner;
            while ((partner = sh.fibers.get(id + 1)) == null) {
                Fiber.yieldNow();
            }
            partner.unpark();
        } else if (id % 2 == 1) {
            while (sh.handedOff.get(id) == 0) {
                Fiber.park();
            }
        }
        randomSteps(sh, r);
        sh.finish(id);
    }

    private static void randomSteps(Shared sh, SplittableRandom r) {
        int steps = r.nextInt(4);
        for (int i = 0; i < steps; i++) {
            switch (r.nextInt(9)) {
                case 0, 1 -> Fiber.yieldNow();
                case 2, 3 -> Fiber.sleep(Duration.ofNanos(r.nextInt(300_000)));
                case 4, 5 -> spawnChild(sh, r.nextBoolean(), null);
                case 6 -> {
                    if (r.nextBoolean()) {
                        blockCarrier(sh);
                    } else {
                        sleepWhileAChildBlocks(sh, r);
                    }
                }
                default -> Thread.onSpinWait();
            }
        }
    }

    /** Spawns a child that sleeps or yields, then counts {@code woke} down if given. */
    private static boolean spawnChild(Shared sh, boolean sleepy, CountDownLatch woke) {
        int child = sh.nextChild.getAndIncrement();
        if (child >= FIBERS + MAX_CHILDREN) {
            return false;
        }
        sh.wg.add(1);
        sh.s.spawn(() -> {
            if (sleepy) {
                Fiber.sleep(Duration.ofNanos(50_000));
            } else {
                Fiber.yieldNow();
            }
            if (woke != null) {
                woke.countDown();
            }
            sh.finish(child);
        });
        return true;
    }

    /**
     * Issue 11's repro: spawn a child that blocks its carrier until we wake, then sleep. If the
     * child runs on our worker (from the LIFO slot), our timer is on a blocked worker's heap and
     * only another worker can fire it.
     */
    private static void sleepWhileAChildBlocks(Shared sh, SplittableRandom r) {
        if (!sh.mayBlock.tryAcquire()) {
            return;
        }
        int child = sh.nextChild.getAndIncrement();
        if (child >= FIBERS + MAX_CHILDREN) {
            sh.mayBlock.release();
            return;
        }
        CountDownLatch woke = new CountDownLatch(1);
        sh.wg.add(1);
        sh.s.spawn(() -> {
            try {
                blockedCarriers.incrementAndGet();
                if (!woke.await(3, TimeUnit.SECONDS)) {
                    sh.fault.compareAndSet(null, "a carrier blocked for 3 s waiting for a sleeper: " + sh.s.describe());
                }
            } catch (InterruptedException e) {
                sh.fault.compareAndSet(null, "interrupted");
            } finally {
                sh.mayBlock.release();
            }
            sh.finish(child);
        });
        Fiber.sleep(Duration.ofNanos(20_000 + r.nextInt(300_000)));
        woke.countDown();
    }

    /** Blocks this carrier until a sleeping child of ours wakes: other workers must run it. */
    private static void blockCarrier(Shared sh) {
        if (!sh.mayBlock.tryAcquire()) {
            return;
        }
        try {
            CountDownLatch woke = new CountDownLatch(1);
            if (!spawnChild(sh, true, woke)) {
                return;
            }
            blockedCarriers.incrementAndGet();
            if (!woke.await(3, TimeUnit.SECONDS)) {
                sh.fault.compareAndSet(null, "a carrier blocked for 3 s waiting for a sleeping fiber: "
                        + sh.s.describe());
            }
        } catch (InterruptedException e) {
            sh.fault.compareAndSet(null, "interrupted");
        } finally {
            sh.mayBlock.release();
        }
    }
}
