package dev.threadmark.userthreads;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Which workers are idle and how many spin: the whole wake-up protocol, in one place (Go's
 * {@code pidle}/{@code nmspinning} with {@code wakep}, {@code resetspinning} and the
 * "spinning M to idle" re-check of {@code findRunnable}; Tokio's {@code idle.rs}).
 *
 * <p><b>The invariant.</b> Whenever a runnable fiber sits in some queue, or a timer will fall
 * due, at least one of these holds: a worker that is not idle will look at it (it is spinning,
 * or it is running a fiber and will look when that fiber yields or ends), or an idle worker has
 * been or will be unparked for it, or an idle worker's park deadline is no later than the timer.
 * (A fiber that blocks its carrier breaks the middle case; see the last paragraph.)
 *
 * <p><b>The steps</b> (named where they happen):
 * <ul>
 * <li><b>W (producer, {@link #signalWork}).</b> After enqueueing (or adding a new earliest
 *     timer): a full fence, then if nobody spins and somebody is idle, take the single waker
 *     token ({@code spinning} 0 → 1), clear one idle bit and unpark that worker, which wakes
 *     counted as spinning. If no idle bit is left, give the token back <em>and re-check</em>:
 *     another producer may have seen the token, taken it for a spinner, and left its work to
 *     it (issue 11, defect 1). If a fiber is queued or a timer pending anywhere, start over.</li>
 * <li><b>S (a worker starts spinning, {@link #tryStartSpinning}).</b> Go's limit: only while
 *     twice the spinners are fewer than the busy workers, so idle workers do not burn the CPU
 *     the busy ones need. It is read, then incremented, not in one atomic step, so workers
 *     starting at once may overshoot it by a few, as in Go; the token of step W is not subject
 *     to it.</li>
 * <li><b>F (a spinner found work, {@link #foundWork}).</b> It stops spinning; if it was the
 *     last spinner, it does W itself, since producers skipped the wake-up while it spun.</li>
 * <li><b>I (a worker goes idle, {@link #goIdle}).</b> Set its idle bit, stop spinning, a full
 *     fence, and only then re-check ({@code Worker.parkUntilWork}): a worker that was spinning
 *     re-checks every queue, since producers may have trusted it; one that was not re-checks
 *     the global queue and its own. Then it parks until the earliest timer of any worker.</li>
 * <li><b>R (it resumes, {@link #leaveIdle}).</b> Clear its idle bit; if a producer had
 *     cleared it first, that producer counted it as spinning. A spinner whose re-check found
 *     work (so it did not park) counts itself as spinning again.</li>
 * </ul>
 *
 * <p><b>Why no wake-up is lost.</b> The idle mask and the spinning count are read and written
 * with volatile reads and atomic read-modify-writes (sequentially consistent), and both W and
 * I begin their reads with a full fence after their writes, so the queues (some of which
 * publish with release stores only) take part in the same Dekker-style argument: for any
 * enqueue, either the producer sees an idle worker and no spinner (and wakes one), or it sees a
 * spinner, whose I step will see the work, or it sees no idle worker. In the last case each
 * worker is running a fiber and comes back to its queues when it yields or ends. If that fiber
 * blocks its carrier instead, work in its worker's local queue is found only by a spinner: one
 * that existed when it was queued (it re-checks every queue in I), or any other worker that
 * comes back to look. If every worker's carrier is blocked, the monitor ({@link Sysmon}) moves
 * their queued fibers to the global queue and activates spare carriers, which are outside this
 * protocol: they add carriers and never take part in the invariant above.
 */
final class Idle {
    private final int workers;
    private final AtomicLong idleMask = new AtomicLong();
    private final AtomicInteger spinning = new AtomicInteger();
    /** Step W's re-check: is any fiber queued, or any timer pending, anywhere? */
    private final BooleanSupplier workPending;
    private final IntConsumer unpark;

    Idle(int workers, BooleanSupplier workPending, IntConsumer unpark) {
        if (workers > Long.SIZE) {
            throw new IllegalArgumentException("the idle set is one long: at most 64 workers");
        }
        this.workers = workers;
        this.workPending = workPending;
        this.unpark = unpark;
    }

    /** Step W: wakes one idle worker if work may be waiting and nobody is already looking. */
    void signalWork() {
        VarHandle.fullFence(); // the caller's enqueue (maybe a release store) before the reads below
        for (;;) {
            if (spinning.get() != 0 || idleMask.get() == 0 || !spinning.compareAndSet(0, 1)) {
                return;
            }
            long idle;
            while ((idle = idleMask.get()) != 0) {
                int i = Long.numberOfTrailingZeros(idle);
                if (idleMask.compareAndSet(idle, idle & ~(1L << i))) {
                    unpark.accept(i); // it wakes counted as spinning: the token is now its
                    return;
                }
            }
            // Nobody idle after all. Give the token back, then look again: while we held it,
            // another producer may have relied on it as a spinner (Go gives it back under the
            // lock that idles a P; we re-check instead).
            spinning.decrementAndGet();
            if (!workPending.getAsBoolean()) {
                return;
            }
        }
    }

    /** Step S: Go's rule, spin only while fewer than half the busy workers are spinning (check, then increment). */
    boolean tryStartSpinning() {
        int busy = workers - Long.bitCount(idleMask.get());
        if (2 * spinning.get() >= busy) {
            return false;
        }
        spinning.incrementAndGet();
        return true;
    }

    /** Step F: a spinner found a fiber; the last spinner passes the duty to wake on. */
    void foundWork() {
        if (spinning.decrementAndGet() == 0) {
            signalWork();
        }
    }

    /**
     * Step I, first half: announce idleness and stop spinning; the full fence orders these
     * writes before the caller's re-check of the queues.
     */
    void goIdle(int index, boolean wasSpinning) {
        idleMask.getAndAccumulate(1L << index, (m, bit) -> m | bit);
        if (wasSpinning) {
            spinning.decrementAndGet();
        }
        VarHandle.fullFence();
    }

    /**
     * Step R: clears the worker's idle bit. Returns whether the worker is now spinning: true if a
     * producer cleared the bit first (it counted the worker as spinning), or if the worker never
     * parked because its re-check found work and it was spinning before.
     */
    boolean leaveIdle(int index, boolean resumeSpinning) {
        long bit = 1L << index;
        if ((idleMask.getAndAccumulate(bit, (m, b) -> m & ~b) & bit) == 0) {
            return true;
        }
        if (resumeSpinning) {
            spinning.incrementAndGet();
            return true;
        }
        return false;
    }

    int spinning() {
        return spinning.get();
    }

    long idleMask() {
        return idleMask.get();
    }
}
