package dev.threadmark.userthreads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Go's {@code sync.WaitGroup}: {@link #add} work, {@link #done} it, {@link #await} until the
 * counter is zero. Works from fibers (which park, freeing their carrier) and from platform threads
 * (which block) at once. A counter below zero throws {@link IllegalStateException} where Go panics.
 *
 * <p>Waiters push themselves on a lock-free stack, then re-check the counter; whoever brings the
 * counter to zero detaches the whole stack and releases every node. A waiter that pushed after
 * the detach sees the zero in its re-check; one that pushed before is released. A node is
 * released or cancelled exactly once (a CAS), so a stale node never wakes anyone later.
 */
public final class WaitGroup {
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicReference<Waiter> waiters = new AtomicReference<>();

    public void add(int delta) {
        int c;
        int n;
        do {
            c = count.get();
            n = c + delta;
            if (n < 0) {
                throw new IllegalStateException("WaitGroup counter would go negative: " + c + " + " + delta);
            }
        } while (!count.compareAndSet(c, n));
        if (n == 0) {
            releaseAll();
        }
    }

    public void done() {
        add(-1);
    }

    public int count() {
        return count.get();
    }

    /**
     * Waits until the counter is zero. On a platform thread an interrupt ends the wait with
     * {@link InterruptedException}; fibers have no interrupts.
     */
    public void await() throws InterruptedException {
        await(Long.MAX_VALUE);
    }

    /**
     * As {@link #await()}, but a platform thread gives up after {@code timeout}; returns whether
     * the counter reached zero. Fibers wait without a limit.
     */
    public boolean await(java.time.Duration timeout) throws InterruptedException {
        return await(System.nanoTime() + Math.max(0, timeout.toNanos()));
    }

    private boolean await(long deadline) throws InterruptedException {
        if (count.get() == 0) {
            return true;
        }
        Waiter w = new Waiter(Fiber.current(), Thread.currentThread());
        Waiter head;
        do {
            head = waiters.get();
            w.next = head;
        } while (!waiters.compareAndSet(head, w));
        if (count.get() == 0) {
            w.cancel(); // a releaser may have missed us; we are done either way
            return true;
        }
        while (!w.isReleased()) {
            if (w.fiber != null) {
                Fiber.park();
                continue;
            }
            if (deadline == Long.MAX_VALUE) {
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

    private void releaseAll() {
        for (Waiter w = waiters.getAndSet(null); w != null; w = w.next) {
            w.release();
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
        Waiter next;
        private volatile int state;

        Waiter(Fiber fiber, Thread thread) {
            this.fiber = fiber;
            this.thread = thread;
        }

        boolean isReleased() {
            return state == RELEASED;
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
