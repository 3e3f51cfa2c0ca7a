package dev.threadmark.results;

/** Task counts as people read them: 1, 10, 100, 1k, 10k, 100k, 1M. */
public final class TaskCounts {
    private TaskCounts() {}

    public static String format(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return Long.toString(n);
    }
}
