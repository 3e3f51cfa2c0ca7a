package dev.threadmark.userthreads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A carrier: one kernel thread that runs fibers, Go's M bound to its P. Its loop is
 * {@link #findRunnable} then run, until the scheduler shuts down; see {@link Scheduler} for the
 * algorithm and {@link Idle} for the wake-up protocol (steps W, S, F, I, R are marked here).
 * Other workers touch only the run queue's head, {@code runnext} and the timer heap (under its
 * lock); everything else is this worker's own.
 */
final class Worker extends Thread {
    /** Tokio's cap: a ping-pong pair living in the LIFO slot must not starve the queue. */
    static final int MAX_LIFO_POLLS = 3;
    /** Go's fairness tick: every 61st schedule looks at the global queue first. */
    static final int GLOBAL_CHECK_INTERVAL = 61;
    /** How many fibers one visit to the global queue moves to the local one. */
    static final int GLOBAL_BATCH = 32;
    private static final int STEAL_ROUNDS = 4;

    private static final VarHandle RUNNEXT;
    private static final VarHandle RUN_SEQ;
    private static final VarHandle SPARE_STATE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RUNNEXT = l.findVarHandle(Worker.class, "runnext", Fiber.class);
            RUN_SEQ = l.findVarHandle(Worker.class, "runSeq", long.class);
            SPARE_STATE = l.findVarHandle(Worker.class, "spareState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Scheduler scheduler;
    /** A core worker's place in {@code Scheduler.workers} and the idle set; a spare's number. */
    final int index;
    /** A spare carrier of {@link Sysmon}: outside the idle set, its pushes go to the global queue. */
    final boolean spare;
    final RunQueue queue = new RunQueue();
    private final TimerQueue timers = new TimerQueue();
    private final Fiber[] overflow = new Fiber[RunQueue.CAPACITY / 2];
    @SuppressWarnings("unused") // accessed through RUNNEXT
    private volatile Fiber runnext;
    /** The fiber on this carrier right now; read by {@link Fiber#current()}. */
    Fiber current;
    private boolean spinning;
    private int tick;
    private int lifoPolls;
    private long random;

    /**
     * Fiber runs begun plus ended on this carrier: odd while a fiber runs. Written by this thread
     * only: an opaque store when a run begins, a release store when it ends (both plain stores on
     * x86, no fence on the hot path); the monitor reads it with acquire loads, before and after
     * it reads the thread's state, so a state it sees after the run's end (the worker's own idle
     * park) is not charged to the run. Nothing else depends on the monitor seeing it promptly: a
     * stale value delays or wastes a hand-off, and a hand-off only uses operations that are safe
     * against a running owner.
     */
    @SuppressWarnings("unused") // accessed through RUN_SEQ
    private long runSeq;
    /** The run ({@code runSeq}) judged or declared blocked; -1 for none. Written by the monitor and {@link Fiber#blocking}. */
    volatile long blockedSeq = -1;
    /** A spare's {@link Sysmon} state: ACTIVE, IDLE or RETIRED. */
    @SuppressWarnings("unused") // accessed through SPARE_STATE
    private volatile int spareState;
    // The monitor's own notes on this carrier (only the monitor thread touches them).
    long smSeq = -1;
    long smWall;
    long smCpu = -1;
    long smJudgedSeq = -1;
    /** This carrier's kernel thread id (Linux), or -1; set once when it starts. */
    volatile int tid = -1;
    boolean smByCpu;

    // Counters: written by this thread only; read racily while running, exactly after join.
    long completed;
    long steals;
    long parks;
    long timerFires;
    long globalTakes;

    Worker(Scheduler scheduler, int index) {
        this(scheduler, index, false);
    }

    Worker(Scheduler scheduler, int index, boolean spare) {
        super((spare ? "tm-user-spare-" : "tm-user-worker-") + index);
        this.scheduler = scheduler;
        this.index = index;
        this.spare = spare;
        this.random = 0x9E3779B97F4A7C15L * (index + 1);
        setDaemon(true);
    }

    @Override
    public void run() {
        tid = Sysmon.currentTid();
        try {
            if (spare) {
                spareLoop();
            } else {
                loop();
            }
        } catch (Throwable bug) { // a scheduler bug, not a fiber's failure: fail the scheduler loudly
            scheduler.workerDied(this, bug);
            throw bug;
        } finally {
            if (spare) {
                scheduler.sysmon.ended(this);
            }
        }
    }

    /**
     * A spare's loop: run what it finds (global queue, core workers' due timers and queues),
     * step back to the pool when told there are too many carriers, park in the pool when there
     * is nothing, retire when the keep-alive runs out.
     */
    private void spareLoop() {
        while (!scheduler.isShutdown()) {
            Fiber f = findSpareWork();
            if (f != null) {
                tick++;
                runFiber(f);
                if (!scheduler.sysmon.stepBack()) {
                    continue;
                }
            }
            if (!scheduler.sysmon.idleInPool(this)) {
                return; // retired, or closing
            }
        }
    }

    private Fiber findSpareWork() {
        long now = System.nanoTime();
        for (Worker w : scheduler.workers) {
            fireDueTimers(w, now);
        }
        Fiber f = scheduler.pollGlobal();
        if (f != null) {
            globalTakes++;
            return f;
        }
        for (Worker w : scheduler.workers) {
            if ((f = w.queue.poll()) != null || (w.isBlocked() && (f = w.takeRunnext()) != null)) {
                steals++;
                return f;
            }
        }
        return null;
    }

    private void loop() {
        while (!scheduler.isShutdown()) {
            Fiber f = findRunnable();
            if (f == null) {
                continue; // woke up, or something changed: look again
            }
            if (spinning) {
                spinning = false;
                scheduler.idle.foundWork(); // step F
            }
            tick++;
            runFiber(f);
        }
    }

    // ---- scheduling ----

    /**
     * Go's {@code findRunnable}: a fiber to run, or null after parking (the caller looks again).
     * {@code tick} counts the fibers this worker has run; when it is a multiple of
     * {@value #GLOBAL_CHECK_INTERVAL}, the global queue is looked at before the local one.
     */
    private Fiber findRunnable() {
        long now = System.nanoTime();
        fireDueTimers(this, now);
        Fiber f;
        if (tick % GLOBAL_CHECK_INTERVAL == 0 && (f = scheduler.pollGlobal()) != null) {
            globalTakes++;
            return f;
        }
        if ((f = pollLocal()) != null) {
            return f;
        }
        if ((f = takeGlobalBatch()) != null) {
            return f;
        }
        // Other workers' due timers, spinning or not: their owners may be blocked in a carrier-
        // blocking call, and a worker refused spinning would otherwise park past the deadline.
        if (fireOthersDueTimers(now) && (f = pollLocal()) != null) {
            return f;
        }
        if (!spinning) {
            spinning = scheduler.idle.tryStartSpinning(); // step S
        }
        if (spinning && (f = steal()) != null) {
            return f;
        }
        parkUntilWork();
        return null;
    }

    private Fiber pollLocal() {
        Fiber f;
        if (lifoPolls < MAX_LIFO_POLLS && (f = (Fiber) RUNNEXT.getAndSet(this, null)) != null) {
            lifoPolls++;
            return f;
        }
        lifoPolls = 0;
        if ((f = queue.poll()) != null) {
            return f;
        }
        return (Fiber) RUNNEXT.getAndSet(this, null);
    }

    private Fiber takeGlobalBatch() {
        Fiber first = scheduler.pollGlobal();
        if (first == null) {
            return null;
        }
        globalTakes++;
        for (int i = 1; i < GLOBAL_BATCH; i++) {
            Fiber f = scheduler.pollGlobal();
            if (f == null) {
                break;
            }
            globalTakes++;
            pushLocal(f);
        }
        return first;
    }

    private Fiber steal() {
        Worker[] all = scheduler.workers;
        int n = all.length;
        for (int round = 0; round < STEAL_ROUNDS; round++) {
            int start = nextRandom(n);
            for (int i = 0; i < n; i++) {
                Worker victim = all[(start + i) % n];
                if (victim == this) {
                    continue;
                }
                int got = victim.queue.stealInto(queue);
                if (got > 0) {
                    steals += got;
                    return queue.poll();
                }
                // Last round: the victim's LIFO slot too, so a fiber there cannot be stranded
                // behind a long-running fiber (Go steals runnext the same way).
                if (round == STEAL_ROUNDS - 1) {
                    Fiber f = (Fiber) RUNNEXT.getAndSet(victim, null);
                    if (f != null) {
                        steals++;
                        return f;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Go's "spinning M to idle", step I of {@link Idle}: announce idleness and stop spinning,
     * re-check, and only then park, until the earliest timer of any worker (or an unpark). A
     * spinner re-checks every queue, since producers may have left work to it; a worker that
     * was not spinning re-checks only the global queue and its own: work in another worker's
     * queue is that worker's, or a spinner's (there is one, or this worker would have been let
     * spin), and looking at it here would only spin this worker hot without stealing it.
     */
    private void parkUntilWork() {
        boolean wasSpinning = spinning;
        spinning = false;
        scheduler.idle.goIdle(index, wasSpinning);
        boolean work = scheduler.isShutdown() || scheduler.hasGlobalWork() || hasLocalWork()
                || (wasSpinning && scheduler.hasLocalWorkAnywhere());
        if (!work) {
            long earliest = scheduler.earliestTimer();
            if (earliest == TimerQueue.NONE) {
                LockSupport.park(this);
            } else {
                long wait = earliest - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
        spinning = scheduler.idle.leaveIdle(index, work && wasSpinning); // step R
    }

    /** Moves {@code owner}'s due timers to this worker's queue; true if any fired. */
    private boolean fireDueTimers(Worker owner, long now) {
        boolean fired = false;
        Fiber f;
        while ((f = owner.timers.pollDue(now)) != null) {
            timerFires++;
            f.setRunnable();
            pushLocal(f);
            fired = true;
        }
        if (fired) {
            scheduler.idle.signalWork(); // step W: more may be runnable than this worker can run
        }
        return fired;
    }

    private boolean fireOthersDueTimers(long now) {
        boolean fired = false;
        for (Worker w : scheduler.workers) {
            if (w != this) {
                fired |= fireDueTimers(w, now);
            }
        }
        return fired;
    }

    // ---- running ----

    private void runFiber(Fiber f) {
        long seq = (long) RUN_SEQ.get(this);
        RUN_SEQ.setOpaque(this, seq + 1); // odd: in a fiber
        current = f;
        f.setRunning();
        f.continuation.run();
        current = null;
        RUN_SEQ.setRelease(this, seq + 2); // before anything this worker does next (its idle park): see Sysmon.observe
        if (f.continuation.isDone()) {
            f.setDone();
            completed++;
            return;
        }
        switch (f.state()) {
            case Fiber.YIELDING -> {
                f.setRunnable();
                pushLocal(f);
            }
            case Fiber.PARKING -> {
                parks++;
                if (!f.parkedAndStillWaiting()) {
                    pushLocal(f); // an unpark raced with the park: run again
                }
            }
            case Fiber.SLEEPING -> {
                // A spare's sleepers go to a core worker's heap: a spare may retire, a core worker stays.
                TimerQueue home = spare ? scheduler.workers[index % scheduler.workers.length].timers : timers;
                if (home.add(f)) {
                    // A new earliest timer: an idle worker may be parked past it, and this worker
                    // may block its carrier in the next fiber. Step W gets someone to look.
                    scheduler.idle.signalWork();
                }
            }
            default -> throw new IllegalStateException("fiber yielded in state " + f);
        }
    }

    // ---- queues, owner side ----

    /** A fiber made runnable by this worker's fiber: into the LIFO slot, the old one to the queue. */
    void pushNext(Fiber f) {
        if (spare) {
            pushLocal(f);
            return;
        }
        Fiber old = (Fiber) RUNNEXT.getAndSet(this, f);
        if (old != null) {
            pushLocal(old);
        }
    }

    /** To the tail of the local queue; when full, half of it moves to the global queue (Go's runqputslow). */
    void pushLocal(Fiber f) {
        if (spare) { // a spare keeps no local queue: it may step back or retire after this fiber
            scheduler.pushGlobal(f);
            scheduler.idle.signalWork(); // step W
            return;
        }
        while (!queue.offer(f)) {
            int n = queue.takeHalf(overflow);
            for (int i = 0; i < n; i++) {
                scheduler.pushGlobal(overflow[i]);
                overflow[i] = null;
            }
        }
    }

    boolean hasLocalWork() {
        return !queue.isEmpty() || RUNNEXT.getVolatile(this) != null;
    }

    /** Thief's take of the LIFO slot (also the monitor's, in a hand-off). */
    Fiber takeRunnext() {
        return (Fiber) RUNNEXT.getAndSet(this, null);
    }

    Fiber pollDueTimer(long now) {
        return timers.pollDue(now);
    }

    /** Acquire read of {@link #runSeq}, from any thread. */
    long runSeq() {
        return (long) RUN_SEQ.getAcquire(this);
    }

    /** The carrier is judged or declared blocked in its current fiber run. */
    boolean isBlocked() {
        long seq = runSeq();
        return (seq & 1) == 1 && blockedSeq == seq;
    }

    int spareState() {
        return spareState;
    }

    void setSpareState(int state) {
        spareState = state;
    }

    boolean casSpareState(int expect, int update) {
        return SPARE_STATE.compareAndSet(this, expect, update);
    }

    int timerCount() {
        return timers.size();
    }

    /** This worker's earliest timer deadline, or {@link TimerQueue#NONE}; read by other workers without a lock. */
    long firstTimerWhen() {
        return timers.firstWhen();
    }

    private int nextRandom(int bound) {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        return (int) ((random >>> 1) % bound);
    }
}
