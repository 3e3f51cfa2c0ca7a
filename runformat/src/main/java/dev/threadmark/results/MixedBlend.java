package dev.threadmark.results;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * The mixed workloads as the results name them ({@code mixed-P}: the first P % of a task burns
 * CPU, the rest waits) and the least time any schedule needs for N of them. Part of the format,
 * not of the workload, so that the report and the budget read the same names and ideal without
 * the workloads module (and its JMH and scheduler).
 */
public final class MixedBlend {
    public static final String PREFIX = "mixed-";

    private MixedBlend() {}

    public static String name(int cpuPercent) {
        return PREFIX + cpuPercent;
    }

    /** The CPU share of a mixed workload's name, or empty for any other workload. */
    public static OptionalInt share(String workload) {
        if (!workload.startsWith(PREFIX)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(workload.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The least time any schedule needs for {@code tasks} blends on {@code cores}: the CPU parts
     * back to back on every core, then the last one's wait. (For tasks that burn first and wait
     * after, no overlap can hide the last CPU part's wait.) The CPU part costs {@code cpuScale}
     * times its nominal length: the spin check's time per task over the calibration target, what
     * a CPU part really takes with every core busy. The wait is unaffected.
     */
    public static Duration idealTime(Duration total, int cpuPercent, long tasks, int cores, double cpuScale) {
        requireShare(cpuPercent);
        Duration cpu = cpuPart(total, cpuPercent);
        Duration cpuReally = Duration.ofNanos(Math.round(cpu.toNanos() * cpuScale));
        return cpuReally.multipliedBy(tasks).dividedBy(Math.min(tasks, cores)).plus(total.minus(cpu));
    }

    public static void requireShare(int cpuPercent) {
        if (cpuPercent < 0 || cpuPercent > 100) {
            throw new IllegalArgumentException("CPU share must be 0 … 100 %, got " + cpuPercent);
        }
    }

    /** The CPU part of a blend: {@code cpuPercent} % of its length, the one place that share is taken. */
    public static Duration cpuPart(Duration total, int cpuPercent) {
        return total.multipliedBy(cpuPercent).dividedBy(100);
    }
}
