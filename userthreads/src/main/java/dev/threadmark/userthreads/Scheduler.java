package dev.threadmark.userthreads;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * An M:N scheduler of user threads ({@link Fiber}s) on a few kernel threads ({@link Worker}s),
 * after Go's runtime ({@code runtime/proc.go}) and Tokio's multi-thread scheduler. Go's words:
 * a fiber is a G, a worker is an M bound to its own P for life; <em>spinning</em> is a worker
 * looking for work to steal.
 *
 * <h2>Implementation overview</h2>
 *
 * <p><b>Queues.</b> Each worker owns a bounded lock-free {@link RunQueue} (256 slots; the owner
 * pushes and pops, spinning workers steal half) and a one-fiber LIFO slot, {@code runnext}: a
 * fiber spawned or unparked by a fiber goes there, so a producer/consumer pair stays hot in one
 * cache; the displaced fiber goes to the queue. At most {@value Worker#MAX_LIFO_POLLS} LIFO
 * picks run in a row (Tokio's cap), or a ping-pong pair would starve the queue. Fibers made
 * runnable from outside the workers go to a global injection queue; a full local queue spills
 * half of itself there. A worker counts the fibers it has run ({@code tick}); whenever that count
 * is a multiple of {@value Worker#GLOBAL_CHECK_INTERVAL}, its next pick looks at the global queue
 * first (Go's fairness tick: every 61st {@code schedule} checks the global runq), so a local
 * queue that refills itself cannot starve it.
 *
 * <p><b>Finding work</b> ({@code Worker.findRunnable}), in order: its own due timers, the
 * global queue (on the fairness tick), its LIFO slot and queue, a batch of up to
 * {@value Worker#GLOBAL_BATCH} from the global queue, other workers' due timers, then, if it is
 * or may become a spinner, stealing: four rounds over the other workers from a random start, the
 * last round also taking a victim's LIFO slot. A worker may start spinning only while fewer than
 * half the busy workers spin (Go's rule, checked without a lock, so racing workers may overshoot
 * it slightly), so idle workers do not burn the CPU the busy ones need. Having found nothing, the
 * worker parks (below).
 *
 * <p><b>Timers.</b> Each worker keeps the fibers that slept on it in a 4-ary heap
 * ({@link TimerQueue}), as Go keeps timers per P. {@code sleep} parks the fiber, never the
 * carrier. Any worker fires any worker's due timers (Go since 1.14), because an owner may be
 * blocked in a carrier-blocking call; an idle worker parks only until the earliest timer of
 * <em>any</em> worker; and a timer that becomes its worker's earliest triggers the wake-up
 * protocol's step W, so that an idle worker parked for longer wakes to look.
 *
 * <p><b>Wake-up protocol, and why no wake-up is lost:</b> in {@link Idle}, with each step named
 * where it happens. In short: a producer enqueues, then (step W, after a full fence) wakes one
 * idle worker unless one is spinning, re-checking if it gives its waker token back; a worker goes
 * idle (step I) by setting its idle bit and leaving the spinners, then, after a full fence,
 * re-checks and only then parks. The idle mask and spinning count are atomics accessed with
 * volatile semantics; the local queues publish with release stores and the global queue and LIFO
 * slot with CAS/getAndSet, and the two full fences make the Dekker argument hold for all of them.
 * {@code LockSupport} permits make an unpark that precedes the park harmless. Work in the local
 * queue of a worker whose carrier is blocked is found by a spinner (step W starts one when the
 * work is queued) or handed off by the monitor (below).
 *
 * <p><b>Blocking calls: the hand-off</b> ({@link Sysmon}, issue 13). A fiber that blocks its
 * carrier (a plain {@code Thread.sleep}, a blocking read, a native call) gives no sign of it:
 * there is no {@code entersyscall}. Go would move the P (queues and timers) from the blocked M to
 * another and make the M win a P back on {@code exitsyscall}; that needs every local-queue access
 * of the returning carrier to re-check ownership, on paths that today assume a single owner
 * ({@code pushNext}, {@code pushLocal}, the yield handling in {@code runFiber}). We chose
 * compensation instead (design (b), Loom's ForkJoinPool): <em>a blocked core worker stays the
 * owner of its queues</em>; the monitor takes fibers out of them with the operations thieves
 * already use, and adds carriers. The invariants, each enforced where named:
 * <ol>
 * <li>Only the owner pushes to a local queue or its LIFO slot. A spare never pushes to one: what
 *     it would put in its own goes to the global queue, followed by step W
 *     ({@code Worker.pushLocal}); its sleeping fibers go to a core worker's timer heap, under
 *     that heap's lock ({@code Worker.runFiber}).</li>
 * <li>The hand-off moves a blocked core worker's queue and LIFO slot to the global queue with
 *     {@code RunQueue.poll} and a getAndSet of the slot, both safe against an owner that is
 *     running again, so a stale judgement moves fibers that could have stayed but loses none
 *     ({@code Sysmon.handOff}).</li>
 * <li>Due timers of any worker may be fired by anyone (as before); while some carrier is judged
 *     blocked, the monitor fires them too, into the global queue ({@code Sysmon.fireDueTimers}).</li>
 * <li>While fewer than {@code workers} carriers are unblocked and the global queue holds work, the
 *     monitor activates spares, never more than the cap alive at once; a spare is started or
 *     retires only under the monitor's lock ({@code Sysmon.activate}, {@code Sysmon.idleInPool}).
 *     When more than {@code workers} carriers are unblocked, that many spares step back to the
 *     pool after their current fiber ({@code Sysmon.stepBack}).</li>
 * <li>Spares are outside the idle set and are never counted by the wake-up protocol: the
 *     protocol's invariant ({@link Idle}) is about core workers, as before, and spares only add
 *     carriers. So the idle set stays one {@code long} (at most 64 core workers), while spares
 *     can be hundreds.</li>
 * </ol>
 * <b>Blocked or busy.</b> A carrier is judged blocked in its current fiber run ({@code runSeq},
 * odd while a fiber runs) if the monitor sees the same run on two rounds and then its Java
 * state is {@code WAITING}, {@code TIMED_WAITING} or {@code BLOCKED}, or (native calls read
 * {@code RUNNABLE}) the kernel reports the thread asleep ({@code /proc/self/task/TID/stat}: S or
 * D); where {@code /proc} is missing, its CPU time advancing by under a tenth of the wall time
 * over at least 1 ms. {@link Fiber#blocking} declares it at once. <b>CPU-bound fibers</b> are
 * never handed off, however long they run: a carrier on the CPU is using a core, and on a
 * machine whose cores are all busy a spare would only oversubscribe them; queued work behind it
 * is still stolen by idle workers. (We cannot preempt a fiber, unlike Go since 1.14.) A
 * judgement by thread state lapses when the state is {@code RUNNABLE} again; one in a native
 * call is re-checked every 10 ms by CPU time. Safepoints and class loading can make a carrier
 * look blocked for a moment; the cost is an activation that steps back. A carrier blocked on
 * something only another fiber can release needs a free carrier for that fiber: with the cap
 * reached and every carrier so blocked, the fibers wait until a blocking call times out (Loom
 * beyond its compensation limit behaves the same). Keep such waits off carriers
 * ({@link WaitGroup}, {@link Mutex}, {@link Fiber#park}).
 *
 * <p><b>The cap</b>, {@value Sysmon#DEFAULT_MAX_SPARES} spares by default
 * ({@code -Dthreadmark.user.maxSpares}, or {@link #Scheduler(int, int)}; 0 turns the hand-off
 * off): 1 000 fibers blocking 10 ms each need about N / 3 carriers at once to finish within
 * three sleeps; 256 + 2 carriers already need four. Spares retire after
 * {@code keepAlive} (1 s) idle in the pool.
 *
 * <p><b>Exceptions.</b> What a fiber throws goes to the uncaught-exception handler. The default
 * handler keeps the first failure and counts the rest, and {@link #close} throws it, so a failure
 * can be late but never silent. Anything that escapes a worker's own loop (a scheduler bug, an
 * {@code Error}) fails the whole scheduler at once: it shuts down, every worker is woken to stop,
 * later spawns and unparks are rejected with the cause, and {@link #close} throws the cause
 * ahead of any fiber failure (which it keeps as suppressed).
 *
 * <p><b>Closing.</b> {@link #close} stops every worker once its current fiber yields or ends,
 * and joins them, the monitor and every spare (a spare blocked in a call is waited for). Fibers that have not finished are abandoned: they never run again and are
 * garbage once unreferenced ({@link SchedulerCounters#abandoned}). From the moment close begins,
 * spawn and unpark are rejected ({@code RejectedExecutionException}); one from outside the
 * workers that got past that check before is waited for, so the counters are final when close
 * returns. A fiber that never yields keeps its worker, and so {@code close}, waiting.
 *
 * <p>At most 64 core workers (the idle set is one {@code long}); spares are outside it.
 */
public final class Scheduler implements AutoCloseable {
    static final int MAX_WORKERS = 64;

    final Worker[] workers;
    final Idle idle;
    final Sysmon sysmon;
    private final ConcurrentLinkedQueue<Fiber> global = new ConcurrentLinkedQueue<>();
    private final LongAdder spawned = new LongAdder();
    private final BiConsumer<Fiber, Throwable> uncaughtHandler;
    private final AtomicReference<Throwable> firstUncaught = new AtomicReference<>();
    private final LongAdder uncaught = new LongAdder();
    /** What killed a worker, if one died; it fails the whole scheduler. */
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    /** Submissions from outside the workers in progress; {@link #close} waits for them. */
    private final AtomicInteger outsideSubmits = new AtomicInteger();
    private volatile boolean shutdown;

    /** A scheduler with one worker per available processor. */
    public Scheduler() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public Scheduler(int workers) {
        this(workers, null);
    }

    /**
     * @param handler receives what a fiber throws; null for the default, which keeps the first
     *                failure for {@link #close} to throw
     */
    public Scheduler(int workers, BiConsumer<Fiber, Throwable> handler) {
        this(workers, handler, Sysmon.defaultMaxSpares(), Sysmon.DEFAULT_KEEP_ALIVE, true);
    }

    /**
     * @param maxSpares the cap on spare carriers that the hand-off may run at once (0: no
     *                  hand-off; a fiber that blocks holds its carrier)
     */
    public Scheduler(int workers, int maxSpares) {
        this(workers, null, maxSpares, Sysmon.DEFAULT_KEEP_ALIVE, true);
    }

    /**
     * @param keepAlive how long an idle spare waits before it retires
     * @param monitor   false only in tests that prove what the monitor adds: without it only
     *                  {@link Fiber#blocking} hands off
     */
    Scheduler(int workers, BiConsumer<Fiber, Throwable> handler, int maxSpares, Duration keepAlive, boolean monitor) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be between 1 and " + MAX_WORKERS + ", got " + workers);
        }
        this.uncaughtHandler = handler != null ? handler : (fiber, t) -> firstUncaught.compareAndSet(null, t);
        this.workers = new Worker[workers];
        this.idle = new Idle(workers, this::hasAnyWork, i -> LockSupport.unpark(this.workers[i]));
        for (int i = 0; i < workers; i++) {
            this.workers[i] = new Worker(this, i);
        }
        this.sysmon = new Sysmon(this, maxSpares, keepAlive, monitor);
        for (Worker w : this.workers) {
            w.start();
        }
        sysmon.start();
    }

    /**
     * Starts a user thread running {@code task}. Callable from fibers and from any other thread.
     *
     * @throws RejectedExecutionException once {@link #close} has begun, or a worker has died
     */
    public Fiber spawn(Runnable task) {
        Objects.requireNonNull(task, "task");
        Fiber f = new Fiber(this, task);
        enqueue(f, true);
        return f;
    }

    public int workerCount() {
        return workers.length;
    }

    /** Counters since start; approximate while fibers run, exact after {@link #close}. */
    /**
     * What killed a worker, if one died: the scheduler has then failed, and a caller waiting on
     * fibers outside the scheduler (a platform thread on a latch) should stop waiting.
     */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(fatal.get());
    }

    public SchedulerCounters counters() {
        long[] sums = new long[5]; // completed, steals, parks, timerFires, globalTakes
        for (Worker w : workers) {
            sums[0] += w.completed;
            sums[1] += w.steals;
            sums[2] += w.parks;
            sums[3] += w.timerFires;
            sums[4] += w.globalTakes;
        }
        sysmon.addCounters(sums);
        return new SchedulerCounters(workers.length, spawned.sum(), sums[0], sums[1], sums[2], sums[3], sums[4],
                uncaught.sum(), sysmon.spareCounters());
    }

    /**
     * Stops and joins every worker; unfinished fibers are abandoned (see the overview). Throws
     * {@link IllegalStateException}: if a worker died, with what killed it (fiber failures are
     * attached as suppressed); else with the first uncaught fiber failure, if the default
     * handler kept one.
     */
    @Override
    public void close() throws InterruptedException {
        if (Fiber.current() != null) {
            throw new IllegalStateException("close() from a user thread would wait for its own carrier");
        }
        shutdown = true;
        // An outside spawn or unpark that read shutdown == false is let finish its enqueue, so
        // that it either happened before close (and counts) or was rejected; never half-done.
        while (outsideSubmits.get() != 0) {
            Thread.onSpinWait();
        }
        wakeAllWorkers();
        sysmon.shutdownAndJoin();
        for (Worker w : workers) {
            w.join();
        }
        Throwable first = firstUncaught.getAndSet(null);
        Throwable died = fatal.get();
        if (died != null) {
            IllegalStateException e = new IllegalStateException("scheduler failed: " + died.getMessage(), died);
            if (first != null) {
                e.addSuppressed(first);
            }
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(uncaught.sum() + " user thread(s) failed; first: " + first, first);
        }
    }

    boolean isShutdown() {
        return shutdown;
    }

    // ---- used by fibers and workers ----

    /** Makes a runnable fiber visible again (an unpark). */
    void submit(Fiber f) {
        enqueue(f, false);
    }

    /**
     * To the current worker's LIFO slot, or from outside to the global queue, then step W of
     * {@link Idle}. Rejected once shutdown has begun: a fiber enqueued after the workers stop
     * would be abandoned without anyone being told.
     */
    private void enqueue(Fiber f, boolean spawn) {
        Worker w = Carrier.current() instanceof Worker cw && cw.scheduler == this ? cw : null;
        if (w == null) {
            outsideSubmits.incrementAndGet();
        }
        try {
            if (shutdown) {
                throw rejected();
            }
            if (spawn) {
                spawned.increment();
            }
            if (w != null) {
                w.pushNext(f);
            } else {
                global.offer(f);
            }
            idle.signalWork(); // step W
            sysmon.kick();
        } finally {
            if (w == null) {
                outsideSubmits.decrementAndGet();
            }
        }
    }

    private RejectedExecutionException rejected() {
        Throwable died = fatal.get();
        return died == null ? new RejectedExecutionException("scheduler is closed")
                : new RejectedExecutionException("scheduler failed: " + died.getMessage(), died);
    }

    void uncaught(Fiber f, Throwable t) {
        uncaught.increment();
        try {
            uncaughtHandler.accept(f, t);
        } catch (Throwable handlerFailure) {
            firstUncaught.compareAndSet(null, handlerFailure);
        }
    }

    /**
     * Something escaped a worker's loop: a scheduler bug or an {@code Error}. Its fibers and
     * timers are lost with it, so the whole scheduler fails now, loudly: later spawns and unparks
     * are rejected with the cause, every worker is woken to stop, and {@link #close} throws it
     * ahead of any fiber failure.
     */
    void workerDied(Worker w, Throwable bug) {
        fatal.compareAndSet(null, new IllegalStateException(w.getName() + " died: " + bug, bug));
        shutdown = true;
        wakeAllWorkers();
    }

    /** The monitor died of a bug: as for a worker, the whole scheduler fails. */
    void monitorDied(Throwable bug) {
        fatal.compareAndSet(null, new IllegalStateException("sysmon died: " + bug, bug));
        shutdown = true;
        wakeAllWorkers();
    }

    private void wakeAllWorkers() {
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    void pushGlobal(Fiber f) {
        global.offer(f);
    }

    Fiber pollGlobal() {
        return global.poll();
    }

    boolean hasGlobalWork() {
        return !global.isEmpty();
    }

    /** Any runnable fiber in any worker's local queue or LIFO slot. */
    boolean hasLocalWorkAnywhere() {
        for (Worker w : workers) {
            if (w.hasLocalWork()) {
                return true;
            }
        }
        return false;
    }

    /** Step W's re-check: a queued fiber or a pending timer anywhere. */
    private boolean hasAnyWork() {
        return hasGlobalWork() || hasLocalWorkAnywhere() || earliestTimer() != TimerQueue.NONE;
    }

    /** The earliest timer deadline over all workers (Go: the minimum timer0When), or {@link TimerQueue#NONE}. */
    long earliestTimer() {
        long earliest = TimerQueue.NONE;
        for (Worker w : workers) {
            long when = w.firstTimerWhen();
            if (when != TimerQueue.NONE && (earliest == TimerQueue.NONE || when - earliest < 0)) {
                earliest = when;
            }
        }
        return earliest;
    }

    /** A one-line picture of the scheduler's state, for diagnosing a hang. */
    public String describe() {
        StringBuilder b = new StringBuilder("idle=").append(Long.toBinaryString(idle.idleMask()))
                .append(" spinning=").append(idle.spinning()).append(" global=").append(global.size())
                .append(" shutdown=").append(shutdown).append(" fatal=").append(fatal.get());
        for (Worker w : workers) {
            b.append(" | w").append(w.index).append(' ').append(w.getState()).append(" queue=").append(w.queue.size())
                    .append(" runnext=").append(w.hasLocalWork() && w.queue.isEmpty()).append(" timers=")
                    .append(w.timerCount()).append(" current=").append(w.current).append(" blocked=").append(w.isBlocked());
        }
        b.append(" | spares live=").append(sysmon.liveSpares()).append(" pooled=").append(sysmon.pooled());
        return b.append(" | ").append(counters()).toString();
    }
}
