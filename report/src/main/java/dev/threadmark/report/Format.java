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

    /** A ratio as people say it: 100×, 2×, 94.6×, 0.52× (three significant digits, no trailing zeros). */
    public static String times(double ratio) {
        return significant(ratio) + (Double.isFinite(ratio) ? "×" : "");
    }

    /** Three significant digits, no trailing zeros: 100, 2, 94.6, 0.52. */
    public static String significant(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
