package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler's headline features, each tested so that the test fails if the feature is taken
 * out (each was checked that way): work stealing, the LIFO cap, the fairness tick, the spinning
 * limit, and (issue 11, defect 3) a worker refused spinning parks instead of spinning hot.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchedulingFeaturesTest {

    /**
     * A fiber queues children on its worker and then blocks the carrier until they ran: only
     * thieves can run them. The hand-off is off ({@code maxSpares} 0), or the monitor would move
     * them to the global queue; this proves stealing (HandOffTest proves the hand-off).
     */
    @Test
    void othersDrainTheQueueOfABlockedWorker() throws Exception {
        int children = 100;
        AtomicReference<Boolean> drained = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        try (Scheduler s = new Scheduler(2, 0)) {
            s.spawn(() -> {
                CountDownLatch ran = new CountDownLatch(children);
                for (int i = 0; i < children; i++) {
                    s.spawn(ran::countDown); // into this worker's LIFO slot and queue
                }
                try {
                    drained.set(ran.await(10, TimeUnit.SECONDS)); // blocks this carrier
                } catch (InterruptedException e) {
                    drained.set(false);
                }
                finished.countDown();
            });
            assertTrue(finished.await(30, TimeUnit.SECONDS));
            assertTrue(drained.get(), "the blocked worker's queue was not stolen: " + s.describe());
            assertTrue(s.counters().steals() >= children - 1, s.counters().toString());
        }
    }

    /**
     * One worker, a ping-pong pair living in the LIFO slot, and a bystander in the queue behind
     * them. With the cap of {@value Worker#MAX_LIFO_POLLS} LIFO picks in a row the bystander runs
     * within a few exchanges; without it, not until the pair stops.
     */
    @Test
    void theLifoCapLetsAQueuedFiberRunDuringAPingPong() throws Exception {
        int limit = 10_000;
        AtomicInteger ball = new AtomicInteger(); // even: ping's turn
        AtomicInteger exchangesWhenBystanderRan = new AtomicInteger(-1);
        AtomicReference<Fiber> ping = new AtomicReference<>();
        AtomicReference<Fiber> pong = new AtomicReference<>();
        WaitGroup wg = new WaitGroup();
        wg.add(3);
        try (Scheduler s = new Scheduler(1)) {
            ping.set(s.spawn(() -> rally(ball, 0, limit, exchangesWhenBystanderRan, pong, wg, null)));
            pong.set(s.spawn(() -> rally(ball, 1, limit, exchangesWhenBystanderRan, ping, wg, () -> s.spawn(() -> {
                exchangesWhenBystanderRan.set(ball.get());
                wg.done();
            }))));
            wg.await();
        }
        int at = exchangesWhenBystanderRan.get();
        assertTrue(at >= 0 && at <= 2 * Worker.MAX_LIFO_POLLS + 2,
                "the queued fiber ran after " + at + " exchanges of the pair (limit " + limit + ")");
    }

    /** Plays until the bystander has run (or {@code limit} exchanges); {@code first} runs once, before the rally. */
    private static void rally(AtomicInteger ball, int parity, int limit, AtomicInteger bystanderRan,
            AtomicReference<Fiber> other, WaitGroup wg, Runnable first) {
        if (first != null) {
            first.run(); // the bystander goes to the LIFO slot; our next unpark pushes it to the queue
        }
        for (;;) {
            while ((ball.get() & 1) != parity) {
                if (ball.get() >= limit || bystanderRan.get() >= 0) {
                    break;
                }
                Fiber.park();
            }
            if (ball.get() >= limit || bystanderRan.get() >= 0) {
                break;
            }
            ball.incrementAndGet();
            Fiber o;
            while ((o = other.get()) == null) {
                Fiber.yieldNow();
            }
            o.unpark();
        }
        other.get().unpark(); // let the partner see the end
        wg.done();
    }

    /**
     * One worker whose fiber refills the local queue itself (yield after yield); a fiber spawned
     * from outside waits in the global queue. The fairness tick must serve it within
     * {@value Worker#GLOBAL_CHECK_INTERVAL} picks; without the tick, never while the local one yields.
     */
    @Test
    void theFairnessTickServesTheGlobalQueueWhileALocalOneRefillsItself() throws Exception {
        int limit = 100_000;
        AtomicBoolean globalRan = new AtomicBoolean();
        AtomicInteger yields = new AtomicInteger();
        AtomicInteger yieldsWhenQueued = new AtomicInteger(-1); // first seen in the global queue
        AtomicInteger yieldsWhenRan = new AtomicInteger(-1);
        CountDownLatch yielding = new CountDownLatch(1);
        WaitGroup wg = new WaitGroup();
        wg.add(2);
        try (Scheduler s = new Scheduler(1)) {
            s.spawn(() -> {
                yielding.countDown();
                while (!globalRan.get() && yields.get() < limit) {
                    if (yieldsWhenQueued.get() < 0 && s.hasGlobalWork()) {
                        yieldsWhenQueued.set(yields.get());
                    }
                    Fiber.yieldNow();
                    yields.incrementAndGet();
                }
                wg.done();
            });
            yielding.await();
            s.spawn(() -> {
                yieldsWhenRan.set(yields.get());
                globalRan.set(true);
                wg.done();
            });
            wg.await();
        }
        assertTrue(globalRan.get());
        // Never seen queued: it was taken before the yielder's next look, at once.
        int waited = yieldsWhenQueued.get() < 0 ? 0 : yieldsWhenRan.get() - yieldsWhenQueued.get();
        assertTrue(yieldsWhenRan.get() < limit && waited <= Worker.GLOBAL_CHECK_INTERVAL + 1,
                "the global fiber waited " + waited + " local picks (ran after " + yieldsWhenRan.get() + ")");
    }

    /**
     * Go's spinning rule, on {@link Idle} itself: with eight workers of which four are idle, at
     * most two may spin (twice the spinners stay below the four busy); with all eight busy, four.
     * In the scheduler, {@link #aWorkerRefusedSpinningParksInsteadOfSpinningHot} also fails
     * without the rule (the refused worker steals).
     */
    @Test
    void theSpinningLimitHolds() {
        Idle idle = new Idle(8, () -> false, i -> {});
        for (int i = 4; i < 8; i++) {
            idle.goIdle(i, false);
        }
        assertEquals(2, spinnersAdmitted(idle, 8), "spinners admitted with four busy workers");
        Idle allBusy = new Idle(8, () -> false, i -> {});
        assertEquals(4, spinnersAdmitted(allBusy, 8), "spinners admitted with eight busy workers");
    }

    private static int spinnersAdmitted(Idle idle, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (idle.tryStartSpinning()) {
                admitted++;
            }
        }
        return admitted;
    }

    /**
     * Issue 11, defect 3. Worker A's carrier is blocked with two fibers in its queue; a spinner
     * exists (the test holds a spinning slot, as a slow thief would); worker B wakes spuriously.
     * B is refused spinning (one spinner, two busy), must not steal, and must park: before the
     * fix it saw A's queue in its re-check, returned, was refused again, and burned a core.
     * The hand-off is off ({@code maxSpares} 0): it would move A's queue to the global queue.
     */
    @Test
    void aWorkerRefusedSpinningParksInsteadOfSpinningHot() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch childrenRan = new CountDownLatch(2);
        AtomicReference<Fiber> blocker = new AtomicReference<>();
        try (Scheduler s = new Scheduler(2, 0)) {
            blocker.set(s.spawn(() -> {
                running.countDown();
                awaitQuietly(proceed); // blocks the carrier
                s.spawn(childrenRan::countDown);
                s.spawn(childrenRan::countDown);
                queued.countDown();
                awaitQuietly(release); // blocks the carrier, two fibers in its queue
            }));
            try {
                running.await();
                Worker a = Probe.carrierOf(s, blocker.get());
                assertNotNull(a);
                Worker b = s.workers[1 - a.index];
                assertTrue(Probe.await(Duration.ofSeconds(10), () -> Probe.idleAndParked(s, b)), s.describe());
                assertTrue(s.idle.tryStartSpinning(), "the test takes the one spinning slot: " + s.describe());
                proceed.countDown();
                queued.await();

                LockSupport.unpark(b); // a spurious wake-up: B is awake, not spinning, and may not spin
                long cpu0 = mx.getThreadCpuTime(b.threadId());
                long t0 = System.nanoTime();
                Thread.sleep(300); // a measuring window, not synchronisation
                long cpuMs = (mx.getThreadCpuTime(b.threadId()) - cpu0) / 1_000_000;
                long wallMs = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(cpuMs < wallMs / 4, "worker B used " + cpuMs + " ms of CPU in " + wallMs + " ms: " + s.describe());
                assertEquals(2, childrenRan.getCount(), "B stole though refused spinning");

                s.idle.foundWork(); // the slow "spinner" gives its slot up: step F wakes B, which steals
                assertTrue(childrenRan.await(10, TimeUnit.SECONDS), s.describe());
            } finally {
                proceed.countDown();
                release.countDown(); // so that close() can join A's carrier even after a failure
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
