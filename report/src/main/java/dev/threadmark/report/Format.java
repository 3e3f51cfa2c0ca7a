package dev.threadmark.report;

import java.util.Locale;

/** Numbers as the report prints them. */
public final class Format {
    private Format() {}

    /** Milliseconds with a unit that fits: 850 µs, 12.3 ms, 4.10 s. */
    public static String ms(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.1f µs", ms * 1000);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.3g ms", ms);
        }
        return String.format(Locale.ROOT, "%.3g s", ms / 1000);
    }

    public static String number(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v);
    }

    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
