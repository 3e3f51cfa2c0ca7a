package dev.threadmark.userthreads;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * jcstress: {@link RunQueue}, the owner pushing and popping while a thief steals half. Two fibers
 * are queued at the start; the owner pushes a third and pops one, the thief steals into its own
 * queue and drains it, the arbiter drains what is left. Every fiber must be taken exactly once:
 * r1 counts takes, r2 is the set of fibers taken (bits).
 */
@JCStressTest
@Description("RunQueue: owner offer/poll vs a concurrent stealInto; each fiber taken exactly once")
@Outcome(id = "3, 7", expect = ACCEPTABLE, desc = "every fiber taken once")
@Outcome(expect = FORBIDDEN, desc = "a fiber lost or taken twice")
@State
public class RunQueueStress {
    private static final Fiber[] FIBERS = {fiber(), fiber(), fiber()};

    private final RunQueue victim = new RunQueue();
    private final RunQueue thiefQueue = new RunQueue();
    private int ownerTakes;
    private int ownerMask;
    private int thiefTakes;
    private int thiefMask;

    public RunQueueStress() {
        victim.offer(FIBERS[0]);
        victim.offer(FIBERS[1]);
    }

    @Actor
    public void owner() {
        victim.offer(FIBERS[2]);
        Fiber f = victim.poll();
        if (f != null) {
            ownerTakes++;
            ownerMask |= bit(f);
        }
    }

    @Actor
    public void thief() {
        if (victim.stealInto(thiefQueue) > 0) {
            Fiber f;
            while ((f = thiefQueue.poll()) != null) {
                thiefTakes++;
                thiefMask |= bit(f);
            }
        }
    }

    @Arbiter
    public void arbiter(II_Result r) {
        int takes = ownerTakes + thiefTakes;
        int mask = ownerMask | thiefMask;
        if ((ownerMask & thiefMask) != 0) {
            takes += 10; // taken by both: make it visible even if the counts add up
        }
        Fiber f;
        while ((f = victim.poll()) != null) {
            takes++;
            mask |= bit(f);
        }
        r.r1 = takes;
        r.r2 = mask;
    }

    private static int bit(Fiber f) {
        for (int i = 0; i < FIBERS.length; i++) {
            if (FIBERS[i] == f) {
                return 1 << i;
            }
        }
        return 1 << 8; // not one of ours: a stale slot
    }

    private static Fiber fiber() {
        return new Fiber(null, () -> {});
    }
}
