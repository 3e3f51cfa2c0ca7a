package dev.threadmark.gate;

import dev.threadmark.results.RunMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a run is evidence. A run measured while other processes took the cores, or whose forks
 * could not get the cores they asked for, measured its machine, not its code: it is shown (the
 * report, the history's trend) but never pooled into a baseline and never judged, and the nightly
 * says "rerun". Two signs, both recorded by the sweep in {@code run.properties}:
 * <ul>
 * <li>{@link RunMetadata#OTHER_CPU}: other processes' share of the machine's CPU while the sweep
 *     ran, from {@value RunMetadata#BUSY_MACHINE} on (the threshold the sweep itself warns at);</li>
 * <li>the spin check's wall time over its CPU time per task: its threads, one per core, each
 *     burn CPU without blocking, so on cores of their own the two are equal; from
 *     {@value #CROWDED_SPIN} on, a task waited for a core a third of its time or more.</li>
 * </ul>
 * A run on other hardware is not untrusted but incomparable: the processor's model is a pooling
 * key ({@link Pooling}), so a runner class of its own builds a baseline of its own.
 */
final class Trust {
    /** Wall over CPU time of the spin check beyond which its threads did not have the cores. */
    static final double CROWDED_SPIN = 1.5;

    private Trust() {}

    /** Why the run is not evidence; empty when it is. A run that recorded neither sign is trusted. */
    static Optional<String> distrust(Map<String, String> metadata) {
        List<String> reasons = new ArrayList<>();
        double other = number(metadata, RunMetadata.OTHER_CPU);
        if (other >= RunMetadata.BUSY_MACHINE) {
            reasons.add(String.format(Locale.ROOT, "other processes used %.0f %% of the machine's CPU", 100 * other));
        }
        double cpu = number(metadata, RunMetadata.SPIN_CPU_NS);
        double wall = number(metadata, RunMetadata.SPIN_WALL_NS);
        if (cpu > 0 && wall > 0) {
            double ratio = wall / cpu;
            if (ratio >= CROWDED_SPIN) {
                reasons.add(String.format(Locale.ROOT,
                        "the spin check's threads took %.2f× their CPU time in wall time: they did not have the cores",
                        ratio));
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /** A recorded number; NaN when the run did not record it; bad input when it is not a number. */
    private static double number(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new dev.threadmark.results.MalformedResultsException("run.properties: " + key + " is not a number: '"
                    + value + "'");
        }
    }
}
