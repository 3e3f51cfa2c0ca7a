package dev.threadmark.userthreads;

import java.util.Arrays;

/**
 * A worker's sleeping fibers, ordered by wake-up time: a 4-ary min-heap, as Go keeps per P
 * ({@code runtime/time.go}). Four children per node make the heap shallower than a binary one
 * (fewer cache misses on sift-down) at the cost of comparing four keys per level.
 *
 * <p>Owned by one worker and touched only by it: a fiber is added by the worker it yielded on,
 * after it has yielded, so a timer can never fire for a fiber that is still running. Ties keep
 * insertion order (a sequence number), so timers with equal deadlines fire first-in first-out.
 */
final class TimerQueue {
    private Fiber[] heap = new Fiber[64];
    private int size;
    private long sequence;

    void add(Fiber f) {
        f.timerSeq = sequence++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, f);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Deadline of the earliest timer; {@link Long#MAX_VALUE} if none. */
    long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].wakeAt;
    }

    /** Removes and returns the earliest fiber if its deadline is at or before {@code now}. */
    Fiber pollDue(long now) {
        if (size == 0 || heap[0].wakeAt - now > 0) {
            return null;
        }
        Fiber top = heap[0];
        Fiber last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        return top;
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
