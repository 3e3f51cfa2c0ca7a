package dev.threadmark.userthreads;

import java.time.Duration;

/**
 * Durations as {@link System#nanoTime} deadlines that cannot overflow. {@code Duration.toNanos}
 * throws beyond about 292 years and {@code nanoTime() + nanos} wraps for less, so a wait is
 * clamped to {@link #MAX_NANOS} (Go clamps a timer's {@code when} to {@code maxWhen} the same
 * way). Deadlines are compared by subtraction ({@code a - b > 0}), which stays exact while they
 * lie within 2^62 ns of each other; the clamp keeps them there.
 */
final class Deadlines {
    /** About 146 years: longer than any wait that will be observed, a quarter of the long range. */
    static final long MAX_NANOS = Long.MAX_VALUE >> 2;
    private static final Duration MAX = Duration.ofNanos(MAX_NANOS);

    private Deadlines() {}

    /** {@code d} in nanoseconds, clamped to [0, {@link #MAX_NANOS}]. */
    static long nanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        return d.compareTo(MAX) >= 0 ? MAX_NANOS : d.toNanos();
    }
}
