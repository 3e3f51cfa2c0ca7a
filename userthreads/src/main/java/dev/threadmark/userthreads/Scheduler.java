package dev.threadmark.userthreads;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * An M:N scheduler of user threads ({@link Fiber}s) on a few kernel threads ({@link Worker}s),
 * after Go's runtime ({@code runtime/proc.go}) and Tokio's multi-thread scheduler.
 *
 * <h2>Implementation overview</h2>
 *
 * <p><b>Queues.</b> Each worker owns a bounded lock-free {@link RunQueue} (256 slots; the owner
 * pushes and pops, idle workers steal half) and a one-fiber LIFO slot, {@code runnext}: a fiber
 * spawned or unparked by a fiber goes there, so a producer/consumer pair stays hot in one cache;
 * the displaced fiber goes to the queue. At most {@value Worker#MAX_LIFO_POLLS} LIFO picks run in
 * a row (Tokio's cap), or a ping-pong pair would starve the queue. Fibers made runnable from
 * outside the workers go to a global injection queue; a full local queue spills half of itself
 * there. Every {@value Worker#GLOBAL_CHECK_INTERVAL}th pick looks at the global queue first
 * (Go's fairness tick), so a local queue that refills itself cannot starve it.
 *
 * <p><b>Finding work.</b> A worker looks, in order: due timers, the global queue (on the fairness
 * tick), its LIFO slot and queue, a batch from the global queue, then steals from the other
 * workers, starting at a random victim, four rounds, the last one including the victim's LIFO
 * slot. Stealing is done by <em>spinning</em> workers, and at most half as many may spin as
 * there are busy workers (Go's rule), so idle workers do not burn the CPU the busy ones need.
 *
 * <p><b>Timers.</b> Each worker keeps the fibers that slept on it in a 4-ary heap
 * ({@link TimerQueue}), as Go keeps timers per P. {@code sleep} parks the fiber, never the
 * carrier; a worker with nothing to run blocks only until its earliest timer.
 *
 * <p><b>Wake-up protocol, and why no wake-up is lost.</b> Idle workers are bits in
 * {@code idleMask}; {@code spinning} counts spinning workers. A producer (spawn, unpark, timer)
 * first enqueues, then calls {@link #signalWork}: if nobody spins and somebody is idle, it takes
 * the single "waker" token ({@code spinning} 0 → 1), clears one idle bit and unparks that worker,
 * which wakes already counted as spinning. A worker about to block does the mirror image: it
 * sets its idle bit and stops spinning first, and then re-checks every queue before it blocks
 * ({@code Worker.parkUntilWork}). All of these are sequentially consistent atomics, so for any
 * enqueue either the producer sees an idle worker with nobody spinning (and wakes it), or it sees
 * a spinner or no idle worker, each of which re-checks the queues before it may block. A spinner
 * that finds work and was the last one spinning calls {@code signalWork} itself, so work that
 * arrived while producers relied on it still gets a worker. {@code LockSupport} permits make an
 * unpark that precedes the park harmless.
 *
 * <p><b>Exceptions.</b> What a fiber throws goes to the uncaught-exception handler. The default
 * handler keeps the first failure and counts the rest, and {@link #close} throws it, so a failure
 * can be late but never silent.
 *
 * <p><b>Closing.</b> {@link #close} stops every worker once its current fiber yields or ends,
 * and joins them. Fibers that have not finished are abandoned: they never run again and are
 * garbage once unreferenced ({@link SchedulerCounters#abandoned}). Spawning after close is
 * rejected. A fiber that never yields keeps its worker, and so {@code close}, waiting.
 *
 * <p>At most 64 workers (the idle set is one {@code long}).
 */
public final class Scheduler implements AutoCloseable {
    static final int MAX_WORKERS = 64;

    final Worker[] workers;
    final AtomicInteger spinning = new AtomicInteger();
    private final AtomicLong idleMask = new AtomicLong();
    private final ConcurrentLinkedQueue<Fiber> global = new ConcurrentLinkedQueue<>();
    private final LongAdder spawned = new LongAdder();
    private final BiConsumer<Fiber, Throwable> uncaughtHandler;
    private final AtomicReference<Throwable> firstUncaught = new AtomicReference<>();
    private final LongAdder uncaught = new LongAdder();
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
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be between 1 and " + MAX_WORKERS + ", got " + workers);
        }
        this.uncaughtHandler = handler != null ? handler : (fiber, t) -> firstUncaught.compareAndSet(null, t);
        this.workers = new Worker[workers];
        for (int i = 0; i < workers; i++) {
            this.workers[i] = new Worker(this, i);
        }
        for (Worker w : this.workers) {
            w.start();
        }
    }

    /** Starts a user thread running {@code task}. Callable from fibers and from any other thread. */
    public Fiber spawn(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (shutdown) {
            throw new RejectedExecutionException("scheduler is closed");
        }
        Fiber f = new Fiber(this, task);
        spawned.increment();
        submit(f);
        return f;
    }

    public int workerCount() {
        return workers.length;
    }

    /** Counters since start; approximate while fibers run, exact after {@link #close}. */
    public SchedulerCounters counters() {
        long completed = 0, steals = 0, parks = 0, timerFires = 0, globalTakes = 0;
        for (Worker w : workers) {
            completed += w.completed;
            steals += w.steals;
            parks += w.parks;
            timerFires += w.timerFires;
            globalTakes += w.globalTakes;
        }
        return new SchedulerCounters(workers.length, spawned.sum(), completed, steals, parks, timerFires,
                globalTakes, uncaught.sum());
    }

    /**
     * Stops and joins every worker; unfinished fibers are abandoned (see the overview). Throws
     * {@link IllegalStateException} with the first uncaught fiber failure, if the default
     * handler kept one.
     */
    @Override
    public void close() throws InterruptedException {
        if (Fiber.current() != null) {
            throw new IllegalStateException("close() from a user thread would wait for its own carrier");
        }
        shutdown = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        for (Worker w : workers) {
            w.join();
        }
        Throwable first = firstUncaught.getAndSet(null);
        if (first != null) {
            throw new IllegalStateException(uncaught.sum() + " user thread(s) failed; first: " + first, first);
        }
    }

    boolean isShutdown() {
        return shutdown;
    }

    // ---- used by fibers and workers ----

    /** Makes a runnable fiber visible: to the current worker's LIFO slot, or the global queue. */
    void submit(Fiber f) {
        if (Carrier.current() instanceof Worker w && w.scheduler == this) {
            w.pushNext(f);
        } else {
            global.offer(f);
        }
        signalWork();
    }

    void uncaught(Fiber f, Throwable t) {
        uncaught.increment();
        try {
            uncaughtHandler.accept(f, t);
        } catch (Throwable handlerFailure) {
            firstUncaught.compareAndSet(null, handlerFailure);
        }
    }

    void workerDied(Worker w, Throwable bug) {
        firstUncaught.compareAndSet(null, new IllegalStateException(w.getName() + " died: " + bug, bug));
    }

    void pushGlobal(Fiber f) {
        global.offer(f);
    }

    Fiber pollGlobal() {
        return global.poll();
    }

    /** Wakes one idle worker if work may be waiting and nobody is already looking for it. */
    void signalWork() {
        if (spinning.get() != 0 || idleMask.get() == 0 || !spinning.compareAndSet(0, 1)) {
            return;
        }
        for (;;) {
            long idle = idleMask.get();
            if (idle == 0) {
                spinning.decrementAndGet(); // everyone is busy; each re-checks before it parks
                return;
            }
            int i = Long.numberOfTrailingZeros(idle);
            if (idleMask.compareAndSet(idle, idle & ~(1L << i))) {
                LockSupport.unpark(workers[i]); // it wakes counted as spinning
                return;
            }
        }
    }

    /** Go's rule: spin only while fewer than half the busy workers are spinning. */
    boolean mayStartSpinning() {
        int busy = workers.length - Long.bitCount(idleMask.get());
        return 2 * spinning.get() < busy;
    }

    void setIdle(int index) {
        idleMask.getAndUpdate(m -> m | (1L << index));
    }

    /** Clears the worker's idle bit; false if a producer cleared it first (and so woke it). */
    boolean clearIdle(int index) {
        long bit = 1L << index;
        return (idleMask.getAndUpdate(m -> m & ~bit) & bit) != 0;
    }

    /** A one-line picture of the scheduler's state, for diagnosing a hang. */
    public String describe() {
        StringBuilder b = new StringBuilder("idle=").append(Long.toBinaryString(idleMask.get()))
                .append(" spinning=").append(spinning.get()).append(" global=").append(global.size())
                .append(" shutdown=").append(shutdown);
        for (Worker w : workers) {
            b.append(" | w").append(w.index).append(' ').append(w.getState()).append(" queue=").append(w.queue.size())
                    .append(" runnext=").append(w.hasLocalWork() && w.queue.isEmpty()).append(" timers=")
                    .append(w.timerCount()).append(" current=").append(w.current);
        }
        return b.append(" | ").append(counters()).toString();
    }

    boolean hasWork() {
        if (!global.isEmpty()) {
            return true;
        }
        for (Worker w : workers) {
            if (w.hasLocalWork()) {
                return true;
            }
        }
        return false;
    }
}
