package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunQueueTest {

    private static Fiber fiber() {
        return new Fiber(null, () -> {});
    }

    @Test
    void fifoAndBounded() {
        RunQueue q = new RunQueue();
        Fiber[] fs = new Fiber[RunQueue.CAPACITY];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = fiber();
            assertTrue(q.offer(fs[i]));
        }
        assertFalse(q.offer(fiber()), "full at capacity");
        Fiber[] half = new Fiber[RunQueue.CAPACITY / 2];
        assertEquals(RunQueue.CAPACITY / 2, q.takeHalf(half));
        assertSame(fs[0], half[0]);
        assertSame(fs[RunQueue.CAPACITY / 2], q.poll());
    }

    @Test
    void stealTakesHalfRoundedUp() {
        RunQueue victim = new RunQueue();
        RunQueue thief = new RunQueue();
        for (int i = 0; i < 5; i++) {
            victim.offer(fiber());
        }
        assertEquals(3, victim.stealInto(thief));
        assertEquals(2, victim.size());
        assertEquals(3, thief.size());
        assertNull(new RunQueue().poll());
    }

    /**
     * Owner pushes and pops while two thieves steal: every fiber comes out exactly once. A thief
     * that takes a fiber twice records it; the assertion is made here, in the test's thread, so a
     * duplicate fails the test instead of just ending a thief.
     */
    @RepeatedTest(5)
    void concurrentOwnerAndThievesLoseNothing() throws Exception {
        RunQueue victim = new RunQueue();
        int n = 300_000;
        Map<Fiber, Boolean> taken = new ConcurrentHashMap<>();
        AtomicReference<String> duplicate = new AtomicReference<>();
        AtomicBoolean ownerDone = new AtomicBoolean();
        Consumer<Fiber> take = f -> {
            if (taken.putIfAbsent(f, Boolean.TRUE) != null) {
                duplicate.compareAndSet(null, f + " taken twice, by " + Thread.currentThread().getName());
            }
        };
        Runnable thief = () -> {
            RunQueue mine = new RunQueue();
            while (!ownerDone.get() || !victim.isEmpty()) {
                if (victim.stealInto(mine) > 0) {
                    Fiber f;
                    while ((f = mine.poll()) != null) {
                        take.accept(f);
                    }
                }
            }
        };
        Thread t1 = Thread.ofPlatform().name("thief-1").start(thief);
        Thread t2 = Thread.ofPlatform().name("thief-2").start(thief);
        Map<Fiber, Boolean> offered = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            Fiber f = fiber();
            offered.put(f, true);
            while (!victim.offer(f)) {
                Fiber g = victim.poll();
                if (g != null) {
                    take.accept(g);
                }
            }
            if (i % 3 == 0) {
                Fiber g = victim.poll();
                if (g != null) {
                    take.accept(g);
                }
            }
        }
        ownerDone.set(true);
        t1.join();
        t2.join();
        Fiber g;
        while ((g = victim.poll()) != null) {
            take.accept(g);
        }
        assertNull(duplicate.get());
        assertEquals(n, taken.size());
        assertTrue(offered.keySet().containsAll(taken.keySet()));
    }
}
