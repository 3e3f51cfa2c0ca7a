package dev.threadmark.userthreads;

import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * jcstress: {@link WaitGroup} reuse (issue 11, defect 4). The counter starts at 1. One actor
 * calls {@code done}; the other calls {@code add(1)} and then {@code await} with a zero
 * timeout (it never blocks). After that {@code add}, the counter is at least 1 for good, so the
 * await must report false whatever the interleaving: true means a release of the finished
 * generation reached a waiter of the next one. r1 = await's result, r2 = final count.
 */
@JCStressTest
@Description("WaitGroup: done vs add+await; a waiter is never released while the counter is above zero")
@Outcome(id = "false, 1", expect = ACCEPTABLE, desc = "the waiter saw the new generation")
@Outcome(id = "true, .*", expect = FORBIDDEN, desc = "released early, while the counter was 1")
@Outcome(expect = FORBIDDEN, desc = "counter lost an update")
@State
public class WaitGroupStress {
    private final WaitGroup wg = new WaitGroup();
    private boolean released;

    public WaitGroupStress() {
        wg.add(1);
    }

    @Actor
    public void finisher() {
        wg.done();
    }

    @Actor
    public void reuser() {
        wg.add(1);
        try {
            released = wg.await(Duration.ZERO);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Arbiter
    public void arbiter(ZI_Result r) {
        r.r1 = released;
        r.r2 = wg.count();
    }
}
