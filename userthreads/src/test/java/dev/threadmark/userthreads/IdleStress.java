package dev.threadmark.userthreads;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * jcstress: the wake-up protocol of {@link Idle} (issue 11, defect 1). Two workers: worker 0 is
 * busy for the whole test (say, its carrier is blocked), worker 1 starts idle. A producer
 * enqueues A and signals. Worker 1 meanwhile wakes on its own timer, takes what it finds, may be
 * refused spinning, goes idle (step I) and re-checks; just after that, a second producer (on the
 * same actor, which is one legal interleaving) enqueues B and signals. Forbidden: at the end,
 * work is queued, worker 1 decided to park, and it holds no unpark permit: nobody will ever run
 * that work. r1 = stranded, r2 = worker 1 parked.
 */
@JCStressTest
@Description("Idle: no state where work is queued, a worker is parked and nobody will wake it")
@Outcome(id = "false, .*", expect = ACCEPTABLE, desc = "no work stranded")
@Outcome(id = "true, .*", expect = FORBIDDEN, desc = "work queued, worker 1 parked, no wake-up coming")
@State
public class IdleStress {
    private final ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    /** Worker 1's LockSupport permit, as the fake unpark gives it. */
    private final AtomicBoolean permit = new AtomicBoolean();
    private final Idle idle = new Idle(2, () -> !queue.isEmpty(), i -> {
        if (i == 1) {
            permit.set(true);
        }
    });
    private boolean parked;

    public IdleStress() {
        idle.goIdle(1, false); // worker 1 parked, worker 0 busy
    }

    @Actor
    public void producer() {
        queue.offer(1);
        idle.signalWork(); // step W
    }

    @Actor
    public void workerThenProducer() {
        // Worker 1 returns from park: a permit given before now was consumed by that park.
        permit.set(false);
        boolean spinning = idle.leaveIdle(1, false); // step R
        Integer got = queue.poll(); // findRunnable: the global queue
        if (got == null && !spinning) {
            spinning = idle.tryStartSpinning(); // step S (nothing to steal here)
        }
        if (got != null && spinning) {
            idle.foundWork(); // step F; then it runs `got` and looks again
            spinning = false;
        }
        idle.goIdle(1, spinning); // step I: announce, then re-check the (only) queue
        if (queue.isEmpty()) {
            parked = true;
        } else {
            idle.leaveIdle(1, spinning);
        }
        // A second producer, right after the re-check.
        queue.offer(2);
        idle.signalWork();
    }

    @Arbiter
    public void arbiter(ZZ_Result r) {
        r.r1 = parked && !queue.isEmpty() && !permit.get();
        r.r2 = parked;
    }
}
