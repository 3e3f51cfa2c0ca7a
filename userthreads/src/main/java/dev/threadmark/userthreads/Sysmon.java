package dev.threadmark.userthreads;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Go's {@code sysmon} and the pool of spare carriers it activates: the scheduler's answer to a
 * fiber that blocks its carrier (a plain {@code Thread.sleep}, a blocking socket read, a native
 * call). Design (b) of issue 13, compensation as in Loom's ForkJoinPool, not Go's P/M split; see
 * {@link Scheduler}'s overview for why and for the invariants.
 *
 * <p><b>The monitor.</b> One daemon thread. Each round it looks at every carrier (the core
 * workers and the active spares) and judges it <em>blocked</em> when it is in the same fiber run
 * ({@code Worker.runSeq}, odd while a fiber runs) as at the previous round and either its Java
 * state is {@code WAITING}, {@code TIMED_WAITING} or {@code BLOCKED} (a JDK blocking call), or
 * it is {@code RUNNABLE} (a native call and a spin both read so) and the kernel has the thread
 * asleep ({@code S} or {@code D} in {@code /proc/self/task/TID/stat}); without {@code /proc},
 * when its CPU time ({@code ThreadMXBean.getThreadCpuTime}) advanced by less than a tenth of the
 * wall time over at least {@value #MIN_CPU_WINDOW_NANOS} ns. A carrier busy on the CPU is never
 * judged blocked, however long its fiber runs: see "CPU-bound fibers" in {@link Scheduler}. A
 * judgement lasts for that fiber run at most ({@code Worker.blockedSeq == runSeq}): one by Java
 * state lapses when the state is {@code RUNNABLE} again, one in a native call when, re-checked
 * every {@value #CPU_RECHECK_NANOS} ns, the thread used at least half a core. {@link
 * Fiber#blocking} declares it at once, for the length of the call.
 *
 * <p><b>Hand-off</b> ({@link #handOff}, Go's {@code handoffp}): the queued fibers and the LIFO
 * slot of a blocked core worker move to the global queue, using only the operations a thief
 * may use against a running owner (so a stale judgement is harmless); its due timers are fired
 * by the monitor; then, while fewer than {@code workers} carriers are unblocked and the global
 * queue holds work, spares are activated (Go's {@code startm}): a parked one is woken, or a new
 * one started, up to the cap. When more than {@code workers} carriers are unblocked (a blocked
 * call returned), {@code excess} tells that many spares to step back to the pool after their
 * current fiber (Go's {@code exitsyscall} finding no P).
 *
 * <p><b>Back-off</b> (Go's): the monitor sleeps {@value #MIN_DELAY_NANOS} ns after a round in
 * which it acted, doubling up to {@value #MAX_DELAY_NANOS} ns while it finds nothing to do. Once
 * its sleep has grown to {@value #KICKABLE_DELAY_NANOS} ns or more, the next enqueue
 * ({@link #kick}) wakes it early, once, so a burst of blocking fibers arriving after a quiet
 * spell waits 20 µs for it, not 10 ms.
 *
 * <p><b>Spares.</b> A spare is a {@link Worker} outside the idle set and outside
 * {@code Scheduler.workers}: it has no local queue of its own in use (what it would push there
 * goes to the global queue, with step W of {@link Idle}), and the fibers that sleep on it go to
 * a core worker's timer heap. It takes work from the global queue, from core workers' due
 * timers and queues (as a thief), and, having none, parks in the pool; after {@code keepAlive}
 * there it retires (its thread ends). States: {@code ACTIVE → IDLE} (the spare itself, then it
 * enters the pool), {@code IDLE → ACTIVE} (an activator, under {@link #lock}, then it unparks
 * it), {@code IDLE → RETIRED} (the spare, when its keep-alive ran out). All three are CASes, so a
 * spare is activated or retires, never both. Starting a spare, retiring one and closing take
 * {@link #lock}, so {@code live} never exceeds the cap and close sees every spare that will ever
 * exist.
 */
final class Sysmon extends Thread {
    /** Go's sysmon starts at 20 µs. */
    static final long MIN_DELAY_NANOS = 20_000;
    /** Go's sysmon sleeps at most 10 ms. */
    static final long MAX_DELAY_NANOS = 10_000_000;
    /** From this sleep length on, an enqueue may wake the monitor early (at most once per sleep). */
    static final long KICKABLE_DELAY_NANOS = 1_000_000;
    /**
     * The shortest window over which a RUNNABLE carrier's CPU time is judged: long enough that a
     * spinning carrier descheduled by a busy kernel (load above the core count) is rarely
     * mistaken for one in a native call, short against a 10 ms blocking call.
     */
    static final long MIN_CPU_WINDOW_NANOS = 1_000_000;
    /** How often a carrier judged blocked in a native call is re-judged (Go's forcePreemptNS is 10 ms). */
    static final long CPU_RECHECK_NANOS = 10_000_000;
    /**
     * Default cap on spare carriers. Loom's compensation cap is 256; ours must be larger because
     * blocking is what we compensate for, not the exception: 1 000 fibers each blocking 10 ms
     * need about N / 3 carriers at once to finish within 3 sleeps, and with 256 + 2 carriers the
     * floor is already 4 sleeps. A parked spare costs a kernel thread (its stack is reserved,
     * little is committed); Go's limit of 10 000 threads is a crash limit, not a target.
     * Overridable with {@code -Dthreadmark.user.maxSpares=N} (0 turns the hand-off off).
     */
    static final int DEFAULT_MAX_SPARES = 512;
    /** How long an idle spare waits in the pool before it retires (Loom's keep-alive is 60 s; Go never retires). */
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(1);

    static final int ACTIVE = 0;
    static final int IDLE = 1;
    static final int RETIRED = 2;

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = MX.isThreadCpuTimeSupported();

    static {
        if (CPU_TIME && !MX.isThreadCpuTimeEnabled()) {
            MX.setThreadCpuTimeEnabled(true);
        }
    }

    private final Scheduler scheduler;
    final int maxSpares;
    final long keepAliveNanos;
    /** False only in tests that prove what the monitor adds (Fiber.blocking's hand-off still works). */
    private final boolean monitoring;

    /** Guards starting, retiring and closing spares, and activations. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Every spare started and not yet ended (what the cap counts); only changed under {@link #lock}. */
    private final List<Worker> live = new ArrayList<>();
    /** Spares that ended (retired) but whose thread may not have terminated yet; close joins them too. */
    private final List<Worker> ending = new ArrayList<>();
    /** Idle spares, most recently idle first. */
    private final ConcurrentLinkedDeque<Worker> pool = new ConcurrentLinkedDeque<>();
    /** How many active spares should step back to the pool (set by the monitor each round). */
    private final AtomicInteger excess = new AtomicInteger();
    /** True while the monitor sleeps long enough for an enqueue to wake it. */
    private final AtomicBoolean kickable = new AtomicBoolean();
    private int nextSpareId;

    // Counters.
    private final LongAdder handoffs = new LongAdder();
    private final LongAdder blockingCalls = new LongAdder();
    private long sparesStarted; // under lock
    private long sparesRetired; // under lock
    private int sparesPeak; // under lock
    /** Counters of spares that ended, folded in under the lock. */
    private long endedCompleted, endedSteals, endedParks, endedTimerFires, endedGlobalTakes;
    private volatile long monitorTimerFires; // the monitor thread writes it

    Sysmon(Scheduler scheduler, int maxSpares, Duration keepAlive, boolean monitoring) {
        super("tm-user-sysmon");
        if (maxSpares < 0) {
            throw new IllegalArgumentException("maxSpares must be >= 0, got " + maxSpares);
        }
        this.scheduler = scheduler;
        this.maxSpares = maxSpares;
        this.keepAliveNanos = Deadlines.nanos(keepAlive);
        this.monitoring = monitoring && maxSpares > 0;
        setDaemon(true);
    }

    static int defaultMaxSpares() {
        return Integer.getInteger("threadmark.user.maxSpares", DEFAULT_MAX_SPARES);
    }

    // ---- the monitor ----

    @Override
    public void run() {
        if (!monitoring) {
            return;
        }
        try {
            long delay = MIN_DELAY_NANOS;
            while (!scheduler.isShutdown()) {
                if (round()) {
                    delay = MIN_DELAY_NANOS;
                } else {
                    delay = Math.min(delay * 2, MAX_DELAY_NANOS);
                }
                boolean armed = delay >= KICKABLE_DELAY_NANOS;
                if (armed) {
                    kickable.set(true);
                }
                LockSupport.parkNanos(this, delay);
                if (armed && !kickable.getAndSet(false)) {
                    delay = MIN_DELAY_NANOS; // an enqueue took the flag and woke us: look closely for a while
                }
                reapEnded();
            }
        } catch (Throwable bug) {
            scheduler.monitorDied(bug);
            throw bug;
        }
    }

    /** Called on every enqueue: one volatile read unless the monitor is in a long sleep. */
    void kick() {
        if (kickable.get() && kickable.compareAndSet(true, false)) {
            LockSupport.unpark(this);
        }
    }

    /** One monitor round; true if it acted (handed off, fired timers or activated a spare). */
    private boolean round() {
        long now = System.nanoTime();
        boolean acted = false;
        boolean anyBlocked = false;
        int unblocked = 0;
        int newlyBlocked = 0;
        for (Worker w : scheduler.workers) {
            int seen = observe(w, now);
            if (seen == RUNS) {
                unblocked++;
                continue;
            }
            anyBlocked = true;
            if (seen == NEWLY_BLOCKED) {
                handoffs.increment();
                newlyBlocked++;
                acted = true;
            }
            acted |= handOff(w);
        }
        for (Worker sp : activeSpares()) {
            int seen = observe(sp, now);
            if (seen == RUNS) {
                unblocked++;
            } else {
                anyBlocked = true;
                if (seen == NEWLY_BLOCKED) {
                    handoffs.increment();
                    newlyBlocked++;
                    acted = true;
                }
            }
        }
        if (anyBlocked) {
            acted |= fireDueTimers(now);
        }
        int workers = scheduler.workers.length;
        excess.set(Math.max(0, unblocked - workers));
        int want = Math.max(0, workers - unblocked);
        if (newlyBlocked > 0) {
            // Slow start: carriers are blocking while work waits, so the waiting work is probably
            // blocking work too; two activations per newly blocked carrier (Go's handoffp starts
            // one) double the carriers per round instead of adding a core's worth, since a new
            // spare is judged only a round or two after it blocks. Too many is cheap: a spare that
            // finds CPU-bound fibers counts as unblocked, and the excess steps back after its fiber.
            want = Math.max(want, 2 * newlyBlocked);
        }
        int activated = 0;
        while (activated < want && scheduler.hasGlobalWork() && activate()) {
            activated++;
        }
        return acted || activated > 0;
    }

    private static final int RUNS = 0;
    private static final int BLOCKED = 1;
    private static final int NEWLY_BLOCKED = 2;

    /** Judges one carrier (see the class comment); the {@code sm*} fields are the monitor's own. */
    private int observe(Worker c, long now) {
        long seq = c.runSeq();
        if ((seq & 1) == 0) {
            c.smSeq = seq;
            return RUNS; // between fibers, or parked idle
        }
        Thread.State st = c.getState();
        boolean jdkBlocked = st == Thread.State.WAITING || st == Thread.State.TIMED_WAITING || st == Thread.State.BLOCKED;
        if (c.blockedSeq == seq) {
            if (c.smJudgedSeq != seq) {
                return BLOCKED; // declared by Fiber.blocking: it lasts for the call
            }
            if (c.smByCpu) { // judged in a native call: re-judged once per CPU_RECHECK window
                if (jdkBlocked || now - c.smWall < CPU_RECHECK_NANOS) {
                    return BLOCKED;
                }
                long cpu = MX.getThreadCpuTime(c.threadId());
                if ((cpu - c.smCpu) * 2 < now - c.smWall) {
                    c.smCpu = cpu;
                    c.smWall = now;
                    return BLOCKED;
                }
            } else if (jdkBlocked) {
                return BLOCKED;
            }
            c.blockedSeq = -1; // it came back from the call and runs on: it counts as a carrier again
            c.smSeq = seq;
            c.smWall = now;
            c.smCpu = -1;
            return RUNS;
        }
        boolean byCpu = false;
        if (seq != c.smSeq) { // first sight of this run: judged at the next round, if still in it
            c.smSeq = seq;
            c.smWall = now;
            c.smCpu = -1;
            return RUNS;
        } else if (jdkBlocked) {
            // A JDK blocking call, seen by the JVM itself, in the same run one round later. (At
            // first sight, class loading and JIT locks made false positives on every start.)
        } else if (st != Thread.State.RUNNABLE) {
            return RUNS;
        } else if (c.tid > 0) {
            // Linux: the kernel says whether the thread sleeps in a system call ('S', 'D') or
            // runs or waits for a core ('R'); a spinning carrier descheduled by a busy machine
            // stays 'R', which the CPU-time test below cannot tell from a native sleep.
            char k = kernelState(c.tid);
            if (k != 'S' && k != 'D') {
                return RUNS;
            }
            c.smCpu = CPU_TIME ? MX.getThreadCpuTime(c.threadId()) : 0;
            c.smWall = now;
            byCpu = true;
        } else if (!CPU_TIME) {
            return RUNS;
        } else {
            long cpu = MX.getThreadCpuTime(c.threadId());
            if (cpu < 0) {
                return RUNS;
            }
            if (c.smCpu < 0) {
                c.smCpu = cpu;
                c.smWall = now;
                return RUNS;
            }
            long wall = now - c.smWall;
            if (wall < MIN_CPU_WINDOW_NANOS) {
                return RUNS;
            }
            if ((cpu - c.smCpu) * 10 >= wall) { // on the CPU (or wanting it): slide the window
                c.smCpu = cpu;
                c.smWall = now;
                return RUNS;
            }
            c.smCpu = cpu;
            c.smWall = now;
            byCpu = true;
        }
        if (c.runSeq() != seq) {
            return RUNS; // the run ended while we looked: the state we saw may be the worker's own idle park
        }
        c.smByCpu = byCpu;
        c.smJudgedSeq = seq;
        c.blockedSeq = seq;
        return NEWLY_BLOCKED;
    }

    /** The state letter of a thread of this process in {@code /proc/self/task/TID/stat}, or '?' if unreadable. */
    static char kernelState(int tid) {
        try {
            byte[] stat = Files.readAllBytes(Path.of("/proc/self/task/" + tid + "/stat"));
            for (int i = stat.length - 1; i > 0; i--) { // "tid (comm) S ...": comm may hold ')' itself
                if (stat[i] == ')' && i + 2 < stat.length) {
                    return (char) stat[i + 2];
                }
            }
        } catch (IOException | RuntimeException e) {
            // the thread ended, or no /proc: say so
        }
        return '?';
    }

    /** This thread's kernel id, from {@code /proc/thread-self/stat} (Linux), or -1. */
    static int currentTid() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(0, stat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Moves a core worker's queued fibers and LIFO slot to the global queue, with the thief's
     * operations only ({@code RunQueue.poll}, a getAndSet of the slot), so it is safe even if the
     * owner has meanwhile returned and pushes again. True if anything moved.
     */
    boolean handOff(Worker w) {
        boolean moved = false;
        Fiber f;
        while ((f = w.queue.poll()) != null) {
            scheduler.pushGlobal(f);
            moved = true;
        }
        if ((f = w.takeRunnext()) != null) {
            scheduler.pushGlobal(f);
            moved = true;
        }
        if (moved) {
            scheduler.idle.signalWork(); // step W: an idle core worker may take it at once
        }
        return moved;
    }

    /** The monitor fires due timers of every core worker into the global queue (their owners may all be blocked). */
    private boolean fireDueTimers(long now) {
        long fired = 0;
        for (Worker w : scheduler.workers) {
            Fiber f;
            while ((f = w.pollDueTimer(now)) != null) {
                f.setRunnable();
                scheduler.pushGlobal(f);
                fired++;
            }
        }
        if (fired > 0) {
            monitorTimerFires += fired;
            scheduler.idle.signalWork();
        }
        return fired > 0;
    }

    // ---- Fiber.blocking ----

    /**
     * The current fiber, on carrier {@code c}, declares that it will block: the hand-off happens
     * now, not at the monitor's next round.
     */
    void declareBlocking(Worker c) {
        blockingCalls.increment();
        if (maxSpares == 0) {
            return;
        }
        handoffs.increment();
        c.blockedSeq = c.runSeq();
        if (!c.spare) {
            handOff(c);
        }
        if (scheduler.hasGlobalWork()) {
            activate();
        }
        LockSupport.unpark(this); // the monitor follows up from 20 µs
    }

    // ---- spares ----

    /** Wakes a parked spare or starts one, within the cap. False if the cap is reached or closing. */
    boolean activate() {
        lock.lock();
        try {
            if (scheduler.isShutdown()) {
                return false;
            }
            Worker sp;
            while ((sp = pool.pollFirst()) != null) {
                if (sp.casSpareState(IDLE, ACTIVE)) {
                    LockSupport.unpark(sp);
                    return true;
                }
                // it retired meanwhile
            }
            if (live.size() >= maxSpares) {
                return false;
            }
            Worker fresh = new Worker(scheduler, nextSpareId++, true);
            live.add(fresh);
            sparesStarted++;
            sparesPeak = Math.max(sparesPeak, live.size());
            fresh.start();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private List<Worker> activeSpares() {
        lock.lock();
        try {
            List<Worker> active = new ArrayList<>(live.size());
            for (Worker sp : live) {
                if (sp.spareState() == ACTIVE) {
                    active.add(sp);
                }
            }
            return active;
        } finally {
            lock.unlock();
        }
    }

    /** A spare after a fiber: should it step back to the pool? (takes one unit of excess) */
    boolean stepBack() {
        int e;
        while ((e = excess.get()) > 0) {
            if (excess.compareAndSet(e, e - 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A spare with nothing to do: into the pool, parked until activated, the keep-alive runs
     * out (it retires: false) or the scheduler shuts down (false).
     */
    boolean idleInPool(Worker sp) {
        sp.setSpareState(IDLE);
        pool.addFirst(sp);
        long deadline = System.nanoTime() + keepAliveNanos;
        while (sp.spareState() == IDLE) {
            if (scheduler.isShutdown()) {
                return false;
            }
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                if (sp.casSpareState(IDLE, RETIRED)) {
                    pool.remove(sp);
                    lock.lock();
                    try {
                        sparesRetired++;
                    } finally {
                        lock.unlock();
                    }
                    return false;
                }
                break; // activated just now
            }
            LockSupport.parkNanos(sp, wait);
        }
        return !scheduler.isShutdown();
    }

    /** Last thing a spare does: fold its counters in and leave {@code live}. */
    void ended(Worker sp) {
        lock.lock();
        try {
            endedCompleted += sp.completed;
            endedSteals += sp.steals;
            endedParks += sp.parks;
            endedTimerFires += sp.timerFires;
            endedGlobalTakes += sp.globalTakes;
            live.remove(sp);
            ending.add(sp);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets ended spares whose threads have terminated. */
    private void reapEnded() {
        lock.lock();
        try {
            ending.removeIf(sp -> !sp.isAlive());
        } finally {
            lock.unlock();
        }
    }

    /** Closing: stops the monitor, wakes every spare and joins them all. Call after shutdown is set. */
    void shutdownAndJoin() throws InterruptedException {
        LockSupport.unpark(this);
        join();
        List<Worker> all;
        lock.lock();
        try {
            all = new ArrayList<>(live); // shutdown is set: no spare starts after this
            all.addAll(ending);
        } finally {
            lock.unlock();
        }
        for (Worker sp : all) {
            LockSupport.unpark(sp);
        }
        for (Worker sp : all) {
            sp.join();
        }
    }

    /** Adds the spares' counters (live and ended) and the monitor's to {@code sums}; approximate while running. */
    void addCounters(long[] sums) {
        lock.lock();
        try {
            sums[0] += endedCompleted;
            sums[1] += endedSteals;
            sums[2] += endedParks;
            sums[3] += endedTimerFires + monitorTimerFires;
            sums[4] += endedGlobalTakes;
            for (Worker sp : live) {
                sums[0] += sp.completed;
                sums[1] += sp.steals;
                sums[2] += sp.parks;
                sums[3] += sp.timerFires;
                sums[4] += sp.globalTakes;
            }
        } finally {
            lock.unlock();
        }
    }

    SchedulerCounters.Spares spareCounters() {
        lock.lock();
        try {
            return new SchedulerCounters.Spares(maxSpares, sparesStarted, sparesRetired, sparesPeak, handoffs.sum(),
                    blockingCalls.sum());
        } finally {
            lock.unlock();
        }
    }

    /** Spares started and not ended (for tests and diagnostics). */
    int liveSpares() {
        lock.lock();
        try {
            return live.size();
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the live spare threads (for tests). */
    List<Worker> liveSpareThreads() {
        lock.lock();
        try {
            return new ArrayList<>(live);
        } finally {
            lock.unlock();
        }
    }

    int pooled() {
        return pool.size();
    }
}
