package dev.threadmark.userthreads;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Test helpers: wait for a condition the code under test cannot signal, with a deadline. */
final class Probe {
    private Probe() {}

    /**
     * Polls {@code condition} until true or {@code limit} passes (then false). Not a sleep used
     * as synchronisation: the condition is the synchronisation, the limit only a failure bound.
     */
    static boolean await(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    /** The worker this fiber is mounted on right now, or null. */
    static Worker carrierOf(Scheduler s, Fiber f) {
        for (Worker w : s.workers) {
            if (w.current == f) {
                return w;
            }
        }
        return null;
    }

    /** True once {@code w} is parked in its idle state (its bit set, its thread waiting). */
    static boolean idleAndParked(Scheduler s, Worker w) {
        Thread.State st = w.getState();
        return (s.idle.idleMask() & (1L << w.index)) != 0
                && (st == Thread.State.WAITING || st == Thread.State.TIMED_WAITING);
    }
}
