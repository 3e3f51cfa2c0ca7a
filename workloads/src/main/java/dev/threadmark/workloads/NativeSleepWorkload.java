package dev.threadmark.workloads;

import java.time.Duration;

/**
 * Waits like {@link BlockingSleepWorkload}, but in a native call: libc's {@code usleep} through
 * an FFM downcall ({@link NativeSleep}). No runtime can unmount a thread from a native frame: a
 * virtual thread pins its carrier for the whole sleep and Loom does not add a carrier for it, and
 * a fiber holds its worker — so on both, at most one sleep per carrier overlaps (⌈N / carriers⌉
 * sleeps). Only a runtime that hands a blocked carrier's work to another (Go's sysmon) does
 * better; platform threads, each its own kernel thread, overlap them all.
 */
public record NativeSleepWorkload(Duration duration) implements Workload {
    public static final String NAME = "native-sleep";

    public NativeSleepWorkload {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sleep duration must not be negative, got " + duration);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run() {
        NativeSleep.sleep(duration);
    }
}
