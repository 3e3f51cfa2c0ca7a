package dev.threadmark.userthreads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's local run queue: Go's {@code runq}, a bounded single-producer, multi-consumer ring.
 *
 * <p>Only the owning worker pushes (at {@code tail}); the owner and thieves take from
 * {@code head} with a CAS. The owner publishes a slot with a release store of {@code tail}; a
 * thief copies slots after an acquire load of {@code tail}, then claims them all at once by
 * CASing {@code head} forward. If the CAS fails, the copy may have read slots the owner was
 * overwriting, and it is simply discarded. Indices are free-running ints: {@code tail - head}
 * is the size even across overflow.
 *
 * <p>Taken slots are not cleared (a consumer may not write a slot the owner may be reusing), so
 * up to {@link #CAPACITY} finished fibers per worker stay reachable until overwritten.
 */
final class RunQueue {
    static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(RunQueue.class, "head", int.class);
            TAIL = l.findVarHandle(RunQueue.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Fiber[] slots = new Fiber[CAPACITY];
    private volatile int head; // consumers CAS it
    private volatile int tail; // only the owner writes it

    /** Owner only. False when full: the caller moves half to the global queue ({@link #takeHalf}). */
    boolean offer(Fiber f) {
        int h = (int) HEAD.getAcquire(this);
        int t = (int) TAIL.get(this);
        if (t - h >= CAPACITY) {
            return false;
        }
        slots[t & MASK] = f;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Owner only: removes the older half of a full queue into {@code into}, for the global queue. */
    int takeHalf(Fiber[] into) {
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.get(this);
            int n = (t - h) / 2;
            for (int i = 0; i < n; i++) {
                into[i] = slots[(h + i) & MASK];
            }
            if (HEAD.compareAndSet(this, h, h + n)) {
                return n;
            }
        }
    }

    /** Owner or anyone: the oldest fiber, or null. */
    Fiber poll() {
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getAcquire(this);
            if (t == h) {
                return null;
            }
            Fiber f = slots[h & MASK];
            if (HEAD.compareAndSet(this, h, h + 1)) {
                return f;
            }
        }
    }

    /**
     * Thief: moves half of this queue (rounded up) to the tail of {@code dst}, which the calling
     * worker owns and which must be empty. Returns how many moved.
     */
    int stealInto(RunQueue dst) {
        int dt = (int) TAIL.get(dst);
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getAcquire(this);
            int n = t - h;
            n -= n / 2;
            if (n <= 0) {
                return 0;
            }
            if (n > CAPACITY / 2) { // read head and tail at different moments; look again
                continue;
            }
            for (int i = 0; i < n; i++) {
                dst.slots[(dt + i) & MASK] = slots[(h + i) & MASK];
            }
            if (HEAD.compareAndSet(this, h, h + n)) {
                TAIL.setRelease(dst, dt + n);
                return n;
            }
        }
    }

    boolean isEmpty() {
        return (int) TAIL.getAcquire(this) == (int) HEAD.getAcquire(this);
    }

    int size() {
        return (int) TAIL.getAcquire(this) - (int) HEAD.getAcquire(this);
    }
}
