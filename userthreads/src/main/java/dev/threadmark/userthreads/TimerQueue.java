package dev.threadmark.userthreads;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A worker's sleeping fibers, ordered by wake-up time: a 4-ary min-heap, as Go keeps per P
 * ({@code runtime/time.go}). Four children per node make the heap shallower than a binary one
 * (fewer cache misses on sift-down) at the cost of comparing four keys per level.
 *
 * <p>A fiber is added by the worker it yielded on (or, if it yielded on a spare carrier, by that
 * spare, to a core worker's heap), after it has yielded, so a timer can never fire for a fiber
 * that is still running. Any worker may fire due timers, though: an owner
 * whose carrier is blocked cannot, so idle and spinning workers run other workers' due timers
 * (Go since 1.14: {@code checkTimers} from {@code stealWork}). The heap is therefore guarded by
 * a lock, which is uncontended unless a thief is looking; the earliest deadline is also published
 * in the volatile {@code firstWhen} (Go's {@code timer0When}, with {@link #NONE} for no timer), so
 * other workers read it without the lock to decide whether to take the lock and how long to
 * park. It is a value, not the fiber: a fiber's {@code wakeAt} changes once it has fired and
 * sleeps again, so reading it through a stale reference could give a later deadline than the
 * heap's. A deadline that happens to equal {@code NONE} is stored 1 ns later. Ties keep insertion order (a
 * sequence number), so timers with equal deadlines fire first-in first-out.
 */
final class TimerQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private Fiber[] heap = new Fiber[64];
    private int size;
    private long sequence;
    /** No timer: the value of {@link #firstWhen} when the heap is empty. */
    static final long NONE = 0;

    /** heap[0].wakeAt (or 1 if that is 0), or {@link #NONE}; written under the lock. */
    private volatile long firstWhen = NONE;

    /** Adds a sleeping fiber; returns whether it is now the earliest (then an idle worker's deadline may be too late). */
    boolean add(Fiber f) {
        lock.lock();
        try {
            f.timerSeq = sequence++;
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            siftUp(size++, f);
            publishFirst();
            return heap[0] == f;
        } finally {
            lock.unlock();
        }
    }

    /** The earliest deadline, or {@link #NONE}; no lock taken. */
    long firstWhen() {
        return firstWhen;
    }

    private void publishFirst() {
        long when = size == 0 ? NONE : heap[0].wakeAt;
        firstWhen = size > 0 && when == NONE ? NONE + 1 : when;
    }

    /** For diagnostics and tests, from any thread. */
    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the earliest fiber if its deadline is at or before {@code now}. */
    Fiber pollDue(long now) {
        long when = firstWhen;
        if (when == NONE || when - now > 0) {
            return null; // the common case, without the lock
        }
        lock.lock();
        try {
            if (size == 0 || heap[0].wakeAt - now > 0) {
                return null; // another worker fired it meanwhile
            }
            Fiber top = heap[0];
            Fiber last = heap[--size];
            heap[size] = null;
            if (size > 0) {
                siftDown(0, last);
            }
            publishFirst();
            return top;
        } finally {
            lock.unlock();
        }
    }

    private static boolean before(Fiber a, Fiber b) {
        long d = a.wakeAt - b.wakeAt;
        return d < 0 || (d == 0 && a.timerSeq < b.timerSeq);
    }

    private void siftUp(int i, Fiber f) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            Fiber p = heap[parent];
            if (!before(f, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = f;
    }

    private void siftDown(int i, Fiber f) {
        for (;;) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (before(heap[c], heap[best])) {
                    best = c;
                }
            }
            if (!before(heap[best], f)) {
                break;
            }
            heap[i] = heap[best];
            i = best;
        }
        heap[i] = f;
    }
}
