package dev.threadmark.userthreads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Go's {@code sync.Mutex} for user threads: a fiber that waits for it parks (its carrier runs
 * other fibers), and it belongs to the fiber, not the carrier, so it may be held across a park,
 * a sleep or a migration to another worker. Platform threads may use it too; they block.
 *
 * <p>Why not {@code ReentrantLock}: it records {@code Thread.currentThread()}, the
 * <em>carrier</em>, as owner. A fiber that parks holding it lets any other fiber on the same
 * carrier in (a reentrant acquire), and unlocking after it resumed on another carrier throws
 * {@link IllegalMonitorStateException}. Not reentrant, like Go's.
 *
 * <h2>Implementation overview</h2>
 * {@code locked} is 0 or 1. {@link #lock} first tries a CAS 0 → 1 (barging is allowed, as in
 * Go's normal mode). If that fails it queues a node, then tries the CAS once more, and otherwise
 * parks until an unlocker <em>hands</em> it the lock: {@link #unlock} polls the queue and, while
 * the lock stays 1, grants it to the first node still waiting (a CAS on the node, so a node that
 * got the lock by itself is never granted too). With no node to grant, it stores 0 and then
 * looks at the queue again; a locker queues and then CASes. Both sides use volatile accesses
 * (sequentially consistent), so either the locker's CAS sees the 0 or the unlocker sees the
 * node, re-takes the lock and grants it.
 */
public final class Mutex {
    private final AtomicInteger locked = new AtomicInteger();
    private final ConcurrentLinkedQueue<Node> queue = new ConcurrentLinkedQueue<>();
    /** The fiber (or, outside fibers, the thread) holding the lock; for {@link #unlock}'s check. */
    private volatile Object owner;

    public void lock() {
        Object me = self();
        if (!locked.compareAndSet(0, 1)) {
            Node n = new Node(Fiber.current(), Thread.currentThread());
            queue.offer(n);
            if (locked.compareAndSet(0, 1)) {
                n.cancel(); // cannot fail: nobody grants while we hold the lock
            } else {
                n.awaitGrant();
            }
        }
        owner = me;
    }

    /** Takes the lock if it is free; never waits. */
    public boolean tryLock() {
        if (locked.compareAndSet(0, 1)) {
            owner = self();
            return true;
        }
        return false;
    }

    /** @throws IllegalMonitorStateException if the caller (fiber or thread) does not hold it */
    public void unlock() {
        if (owner != self()) {
            throw new IllegalMonitorStateException("unlock of a Mutex not held by " + self());
        }
        owner = null;
        RejectedExecutionException rejected = null;
        for (;;) {
            Node n;
            while ((n = queue.poll()) != null) {
                try {
                    if (n.grant()) {
                        break; // handed over: locked stays 1
                    }
                } catch (RejectedExecutionException e) {
                    // a fiber of a closed scheduler: it will never run, so it never holds the
                    // lock; grant the next waiter, and say so afterwards
                    rejected = rejected == null ? e : rejected;
                    continue;
                }
            }
            if (n != null) {
                break;
            }
            locked.set(0);
            if (queue.isEmpty() || !locked.compareAndSet(0, 1)) {
                break;
            }
        }
        if (rejected != null) {
            throw rejected;
        }
    }

    public boolean isLocked() {
        return locked.get() != 0;
    }

    private static Object self() {
        Fiber f = Fiber.current();
        return f != null ? f : Thread.currentThread();
    }

    private static final class Node {
        private static final int WAITING = 0;
        private static final int GRANTED = 1;
        private static final int CANCELLED = 2;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Node.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Fiber fiber;
        final Thread thread;
        private volatile int state;

        Node(Fiber fiber, Thread thread) {
            this.fiber = fiber;
            this.thread = thread;
        }

        void cancel() {
            if (!STATE.compareAndSet(this, WAITING, CANCELLED)) {
                throw new AssertionError("Mutex node granted while its locker held the lock");
            }
        }

        boolean grant() {
            if (!STATE.compareAndSet(this, WAITING, GRANTED)) {
                return false;
            }
            if (fiber != null) {
                fiber.unpark();
            } else {
                LockSupport.unpark(thread);
            }
            return true;
        }

        void awaitGrant() {
            while (state != GRANTED) {
                if (fiber != null) {
                    Fiber.park();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
