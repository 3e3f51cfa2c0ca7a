package dev.threadmark.userthreads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Go's {@code sync.WaitGroup}: {@link #add} work, {@link #done} it, {@link #await} until the
 * counter is zero. Works from fibers (which park, freeing their carrier) and from platform threads
 * (which block) at once. A counter below zero throws {@link IllegalStateException} where Go panics.
 *
 * <h2>Implementation overview</h2>
 * One {@code long} holds the counter (high 32 bits) and a <em>generation</em> (low 32 bits),
 * the number of times the counter has reached zero; the {@code add} that brings it to zero
 * moves to the next generation in the same CAS. A waiter records the generation it waits for,
 * pushes itself on a lock-free stack, then re-checks the state: if the generation has moved on,
 * its wait is over. Whoever ends generation {@code g} detaches the whole stack and releases
 * every node of generation {@code g}; a node of a later generation (a reuse: {@code add} and a
 * new {@code await} came in between the zero and the detach) is pushed back, and released after
 * all if its generation too has ended meanwhile. So reuse never releases a waiter early, where
 * a counter reset and a detach done as two steps did (issue 11, defect 4). A node is released
 * or cancelled exactly once (a CAS), so a stale node never wakes anyone later.
 */
public final class WaitGroup {
    private static final long ONE = 1L << 32;
    private static final long GENERATION = 0xFFFF_FFFFL;

    /** counter << 32 | generation */
    private final AtomicLong state = new AtomicLong();
    private final AtomicReference<Waiter> waiters = new AtomicReference<>();

    public void add(int delta) {
        long s;
        long next;
        int c;
        do {
            s = state.get();
            c = (int) (s >>> 32);
            long n = (long) c + delta;
            if (n < 0) {
                throw new IllegalStateException("WaitGroup counter would go negative: " + c + " + " + delta);
            }
            if (n > Integer.MAX_VALUE) {
                throw new IllegalStateException("WaitGroup counter overflow: " + c + " + " + delta);
            }
            next = n == 0 ? (s + 1) & GENERATION : (n << 32) | (s & GENERATION);
        } while (!state.compareAndSet(s, next));
        if (c > 0 && next >>> 32 == 0) {
            release((int) s);
        }
    }

    public void done() {
        add(-1);
    }

    public int count() {
        return (int) (state.get() >>> 32);
    }

    /**
     * Waits until the counter is zero. On a platform thread an interrupt ends the wait with
     * {@link InterruptedException}; fibers have no interrupts.
     */
    public void await() throws InterruptedException {
        await(false, 0);
    }

    /**
     * As {@link #await()}, but a platform thread gives up after {@code timeout}; returns whether
     * the counter reached zero. Fibers wait without a limit.
     */
    public boolean await(java.time.Duration timeout) throws InterruptedException {
        return await(true, System.nanoTime() + Deadlines.nanos(timeout));
    }

    private boolean await(boolean timed, long deadline) throws InterruptedException {
        long s = state.get();
        if (s >>> 32 == 0) {
            return true;
        }
        Waiter w = new Waiter(Fiber.current(), Thread.currentThread(), (int) s);
        push(w);
        if ((int) state.get() != w.generation) {
            w.cancel(); // that generation ended; its releaser may have missed us
            return true;
        }
        while (!w.isReleased()) {
            if (w.fiber != null) {
                Fiber.park();
                continue;
            }
            if (!timed) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return !w.cancel(); // false unless released at the last moment
                }
                LockSupport.parkNanos(this, left);
            }
            if (Thread.interrupted()) {
                if (w.cancel()) {
                    throw new InterruptedException();
                }
                Thread.currentThread().interrupt(); // released meanwhile: keep the flag, return
            }
        }
        return true;
    }

    private void push(Waiter w) {
        Waiter head;
        do {
            head = waiters.get();
            w.next = head;
        } while (!waiters.compareAndSet(head, w));
    }

    /**
     * Generation {@code ended} is over: release its waiters, put back those of later ones. A
     * fiber waiter whose scheduler has closed cannot be woken (its unpark is rejected): every
     * other waiter is still released, then the first rejection is thrown.
     */
    private void release(int ended) {
        RejectedExecutionException rejected = null;
        Waiter w = waiters.getAndSet(null);
        while (w != null) {
            Waiter next = w.next;
            try {
                if (w.generation - ended > 0 && w.isWaiting()) { // a later generation's waiter
                    push(w);
                    if ((int) state.get() != w.generation) {
                        w.release(); // its generation ended while we held it off the stack
                    }
                } else {
                    w.release(); // ours (or older, ended too); a no-op if cancelled or released
                }
            } catch (RejectedExecutionException e) {
                if (rejected == null) {
                    rejected = e;
                }
            }
            w = next;
        }
        if (rejected != null) {
            throw rejected;
        }
    }

    private static final class Waiter {
        private static final int WAITING = 0;
        private static final int RELEASED = 1;
        private static final int CANCELLED = 2;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Fiber fiber;
        final Thread thread;
        final int generation;
        Waiter next;
        private volatile int state;

        Waiter(Fiber fiber, Thread thread, int generation) {
            this.fiber = fiber;
            this.thread = thread;
            this.generation = generation;
        }

        boolean isReleased() {
            return state == RELEASED;
        }

        boolean isWaiting() {
            return state == WAITING;
        }

        boolean cancel() {
            return STATE.compareAndSet(this, WAITING, CANCELLED);
        }

        void release() {
            if (STATE.compareAndSet(this, WAITING, RELEASED)) {
                if (fiber != null) {
                    fiber.unpark();
                } else {
                    LockSupport.unpark(thread);
                }
            }
        }
    }
}
