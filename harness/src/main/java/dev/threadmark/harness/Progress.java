package dev.threadmark.harness;

import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * One line per point on the console: which point, how many are left, its result, and when the
 * sweep should end. The ETA is the sum of the remaining points' expected times
 * ({@link SweepProfile#expectedPointTime}), corrected by how far reality has run from the
 * expectation so far.
 */
final class Progress {
    private final PrintStream out;
    private final int total;
    private final long startNanos = System.nanoTime();
    private long expectedSoFarNanos;
    private int done;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void starting(Point point) {
        out.printf(Locale.ROOT, "[%3d/%d] %-36s ", done + 1, total, point);
        out.flush();
    }

    void finished(PointResult result, Duration expectedForThis, Duration expectedRemaining) {
        done++;
        expectedSoFarNanos += expectedForThis.toNanos();
        long elapsed = System.nanoTime() - startNanos;
        double drift = expectedSoFarNanos > 0 ? Math.max(0.5, Math.min(3.0, (double) elapsed / expectedSoFarNanos)) : 1;
        Duration eta = Duration.ofNanos((long) (expectedRemaining.toNanos() * drift));
        String outcome = result.measured()
                ? String.format(Locale.ROOT, "%10.4g ± %-9.3g %s", result.score(), result.error(), result.unit())
                : result.status() + ": " + result.reason();
        out.printf(Locale.ROOT, "%s   [%d left, elapsed %s, ETA %s]%n", outcome, total - done,
                Durations.format(Duration.ofNanos(elapsed)), Durations.format(eta));
        out.flush();
    }
}
