package dev.threadmark.harness;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in progress lines and reasons: 850 µs, 12.3 ms, 4.1 s, 3m05s. */
final class Durations {
    private Durations() {}

    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0 s";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
