package dev.threadmark.userthreads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.Callable;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * A user thread: a {@link Continuation} that a {@link Scheduler} runs on its workers, the way Go
 * runs goroutines on Ms. It yields instead of blocking, so a worker (a kernel thread) can run
 * thousands of them.
 *
 * <h2>States</h2>
 * A fiber yields by first recording why in {@code state} ({@code YIELDING}, {@code PARKING} or
 * {@code SLEEPING}) and then unmounting. The worker that ran it reads the state <em>after</em>
 * {@code Continuation.run} has returned, i.e. once the fiber is fully off the stack, and only
 * then makes it visible again (run queue, timer heap, or {@code PARKED}). That ordering is what
 * makes it impossible to resume a fiber that is still mounted.
 *
 * <h2>park / unpark without lost wake-ups</h2>
 * {@code unpark} sets {@code permit}, then tries {@code PARKED → RUNNABLE}. The worker, after a
 * {@code PARKING} yield, sets {@code PARKED}, then checks {@code permit} and tries the same CAS.
 * All four accesses are volatile (sequentially consistent), so at least one side sees the
 * other's write; the CAS makes sure at most one side resubmits the fiber.
 *
 * <h2>Rules for code running in a fiber</h2>
 * Do not yield (park, sleep, {@link #yieldNow}) while holding a {@code synchronized} monitor: on a
 * bare {@code Continuation} in JDK 25 the monitor stays owned by the carrier thread, and the fiber
 * may resume on another carrier, which silently corrupts monitor ownership (JEP 491 fixes this only
 * for virtual threads). Do not yield holding a {@code java.util.concurrent} lock either:
 * {@code ReentrantLock} and its kin record the <em>carrier</em> as owner, so another fiber on
 * the same carrier gets in, and unlocking after resuming on another carrier throws. Use
 * {@link Mutex}, which parks the fiber and belongs to it, or release the lock first.
 * Yielding from under a native frame or inside {@code Continuation.pin()} is refused with an
 * {@link IllegalStateException} ({@link PinnedException}). {@code Thread.currentThread()} is the
 * carrier, and so are thread locals. Blocking JDK calls ({@code Thread.sleep}, socket reads)
 * and native calls block the carrier, not just the fiber: the scheduler's monitor notices and
 * hands the carrier's queued fibers to a spare carrier within a few tens of microseconds, and
 * {@link #blocking} does so at once.
 */
public final class Fiber {
    static final ContinuationScope SCOPE = new ContinuationScope("threadmark-userthreads");

    static final int RUNNABLE = 0;
    static final int RUNNING = 1;
    static final int YIELDING = 2;
    static final int PARKING = 3;
    static final int PARKED = 4;
    static final int SLEEPING = 5;
    static final int DONE = 6;

    private static final VarHandle STATE;
    private static final VarHandle PERMIT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Fiber.class, "state", int.class);
            PERMIT = l.findVarHandle(Fiber.class, "permit", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Scheduler scheduler;
    final Continuation continuation;
    private volatile int state = RUNNABLE;
    private volatile boolean permit;
    /** Sleep deadline (System.nanoTime) and tie-breaker; owned by the worker's TimerQueue. */
    long wakeAt;
    long timerSeq;

    Fiber(Scheduler scheduler, Runnable task) {
        this.scheduler = scheduler;
        this.continuation = new FiberContinuation(this, task);
    }

    /** The fiber running on this thread, or null when the caller is not a fiber. */
    public static Fiber current() {
        return Carrier.current() instanceof Worker w ? w.current : null;
    }

    /** Lets other fibers run; this one goes to the back of its worker's queue. */
    public static void yieldNow() {
        require().yieldAs(YIELDING);
    }

    /**
     * Parks this fiber (not its carrier) for at least {@code duration}. Not interruptible: only
     * its timer wakes it.
     */
    public static void sleep(Duration duration) {
        Fiber f = require();
        long nanos = Deadlines.nanos(duration);
        if (nanos == 0) {
            return;
        }
        f.wakeAt = System.nanoTime() + nanos;
        f.yieldAs(SLEEPING);
    }

    /**
     * Parks the current fiber until {@link #unpark} gives it a permit (at once if it has one).
     * As with {@code LockSupport.park}, callers re-check their condition in a loop.
     */
    public static void park() {
        Fiber f = require();
        if ((boolean) PERMIT.getAndSet(f, false)) {
            return;
        }
        f.yieldAs(PARKING);
        PERMIT.setVolatile(f, false); // consume the permit that woke us
    }

    /**
     * Runs {@code call}, which the caller knows will block its carrier (a blocking socket read,
     * a native call, a plain {@code Thread.sleep}), handing off first (Tokio's
     * {@code block_in_place}): the fibers queued on this carrier move to the global queue and a
     * spare carrier is activated if work is waiting, at once rather than at the monitor's next
     * round. The call then runs on the current carrier. Outside a fiber, or with the hand-off
     * turned off ({@code maxSpares} 0), it just runs the call.
     */
    public static <T> T blocking(Callable<T> call) throws Exception {
        Fiber f = current();
        if (f == null) {
            return call.call();
        }
        Worker carrier = (Worker) Carrier.current();
        f.scheduler.sysmon.declareBlocking(carrier);
        try {
            return call.call();
        } finally {
            // If the call yielded, the fiber may be on another carrier now; the old declaration
            // lapsed when that run ended (it names the run, not the carrier).
            if (Carrier.current() == carrier) {
                carrier.blockedSeq = -1;
            }
        }
    }

    /** Gives this fiber a permit; if it is parked, makes it runnable. Callable from any thread. */
    public void unpark() {
        if (claimUnpark()) {
            scheduler.submit(this);
        }
    }

    /** The unparker's half of the handshake: give the permit, then claim a parked fiber. */
    boolean claimUnpark() {
        PERMIT.setVolatile(this, true);
        return state == PARKED && STATE.compareAndSet(this, PARKED, RUNNABLE);
    }

    public boolean isDone() {
        return state == DONE;
    }

    @Override
    public String toString() {
        return "Fiber@" + Integer.toHexString(System.identityHashCode(this)) + "[" + stateName() + "]";
    }

    private String stateName() {
        return switch (state) {
            case RUNNABLE -> "runnable";
            case RUNNING -> "running";
            case YIELDING -> "yielding";
            case PARKING -> "parking";
            case PARKED -> "parked";
            case SLEEPING -> "sleeping";
            default -> "done";
        };
    }

    private static Fiber require() {
        Fiber f = current();
        if (f == null) {
            throw new IllegalStateException("not on a user thread: " + Carrier.current());
        }
        return f;
    }

    private void yieldAs(int reason) {
        state = reason;
        try {
            Continuation.yield(SCOPE);
        } catch (PinnedException e) {
            state = RUNNING; // did not yield: carry on as before, and let the caller see why
            throw e;
        }
        state = RUNNING;
    }

    // ---- called by the worker that ran this fiber, after Continuation.run() returned ----

    int state() {
        return state;
    }

    void setRunning() {
        state = RUNNING;
    }

    void setDone() {
        state = DONE;
    }

    void setRunnable() {
        state = RUNNABLE;
    }

    /** After a PARKING yield: publish PARKED, then claim a permit that raced with us. */
    boolean parkedAndStillWaiting() {
        state = PARKED;
        return !(permit && STATE.compareAndSet(this, PARKED, RUNNABLE));
    }

    /** Thrown when a fiber tries to yield where the JDK cannot unmount it. */
    public static final class PinnedException extends IllegalStateException {
        PinnedException(Continuation.Pinned reason) {
            super("cannot yield a user thread while it is pinned (" + reason + "): "
                    + switch (reason) {
                        case NATIVE -> "a native method is on its stack";
                        case CRITICAL_SECTION -> "it is inside Continuation.pin()";
                        case MONITOR -> "it holds a monitor";
                        case EXCEPTION -> "the JDK refused to unmount it";
                    });
        }
    }

    private static final class FiberContinuation extends Continuation {
        FiberContinuation(Fiber fiber, Runnable task) {
            super(SCOPE, () -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    fiber.scheduler.uncaught(fiber, t);
                }
            });
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new PinnedException(reason);
        }
    }
}
