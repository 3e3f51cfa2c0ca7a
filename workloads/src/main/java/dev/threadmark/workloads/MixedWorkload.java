package dev.threadmark.workloads;

import dev.threadmark.results.MixedBlend;
import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Burns a share of a fixed task length on the CPU, then waits the rest: the seeds' claim that
 * "the gains decline gradually as the tasks require more CPU power", made measurable.
 *
 * <p>Every blend lasts the same {@code total} when run alone (the sleep workload's length), so
 * the serial time of N tasks, N · total, is the same at every share and speedups are comparable.
 * At 0 % it is the sleep workload; at 100 % it is a spin of the same length. In between, N tasks
 * need N · C of CPU: once that exceeds one task's length on the cores, the waits no longer hide
 * it, and the speedup falls from N towards the core count.
 *
 * <p>CPU first, then the wait: the CPU part is the calibrated spin loop, scaled from the spin
 * calibration ({@code spinTokens} for {@code spinTarget}), so no second calibration is needed.
 *
 * @param total      one task's length alone: CPU part plus wait
 * @param cpuPercent the CPU share, 0 … 100
 * @param cpuTokens  spin tokens of the CPU part
 */
public record MixedWorkload(Duration total, int cpuPercent, long cpuTokens) implements Workload {
    /** The shares a sweep runs: dense at the low end, where the decline starts. */
    public static final List<Integer> SHARES = List.of(0, 1, 5, 10, 25, 50, 100);

    static final String PREFIX = MixedBlend.PREFIX;

    public MixedWorkload {
        requireShare(cpuPercent);
        if (total.isNegative() || cpuTokens < 0) {
            throw new IllegalArgumentException("mixed task length and CPU tokens must not be negative, got "
                    + total + " and " + cpuTokens);
        }
    }

    /** The blend at {@code cpuPercent} of {@code settings.sleep()}, its CPU part scaled from the spin calibration. */
    static MixedWorkload of(int cpuPercent, WorkloadSettings settings) {
        long cpuNanos = cpuPart(settings.sleep(), cpuPercent).toNanos();
        long tokens = Math.round((double) settings.spinTokens() * cpuNanos / settings.spinTarget().toNanos());
        return new MixedWorkload(settings.sleep(), cpuPercent, tokens);
    }

    public static String name(int cpuPercent) {
        return MixedBlend.name(cpuPercent);
    }

    /** The CPU share of a mixed workload's name, or empty for any other workload. */
    public static java.util.OptionalInt share(String workload) {
        return MixedBlend.share(workload);
    }

    /**
     * The least time any schedule needs for {@code tasks} blends on {@code cores}: the CPU parts
     * back to back on every core, then the last one's wait. (For tasks that burn first and wait
     * after, no overlap can hide the last CPU part's wait.)
     */
    public static Duration idealTime(Duration total, int cpuPercent, long tasks, int cores) {
        return idealTime(total, cpuPercent, tasks, cores, 1.0);
    }

    /**
     * The same, with the CPU part costing {@code cpuScale} times its nominal length: the spin check's
     * time per task over the calibration target, what a CPU part really takes with every core busy.
     * The wait is unaffected. The rule lives in {@link MixedBlend}, where the results read it.
     */
    public static Duration idealTime(Duration total, int cpuPercent, long tasks, int cores, double cpuScale) {
        return MixedBlend.idealTime(total, cpuPercent, tasks, cores, cpuScale);
    }

    /** The wait after the CPU part. */
    public Duration waitPart() {
        return total.minus(cpuPart(total, cpuPercent));
    }

    private static void requireShare(int cpuPercent) {
        MixedBlend.requireShare(cpuPercent);
    }

    private static Duration cpuPart(Duration total, int cpuPercent) {
        return MixedBlend.cpuPart(total, cpuPercent);
    }

    @Override
    public String name() {
        return name(cpuPercent);
    }

    @Override
    public void run() throws InterruptedException {
        Blackhole.consumeCPU(cpuTokens);
        Pause.sleep(waitPart());
    }
}
