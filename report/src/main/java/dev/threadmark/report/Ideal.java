package dev.threadmark.report;

import dev.threadmark.results.MixedBlend;
import java.time.Duration;

/**
 * What perfect concurrency would take for N tasks, in ms: the yardstick of efficiency.
 *
 * <ul>
 *   <li>sleep, blocking-sleep and native-sleep: one sleep, whatever N: every wait overlaps;</li>
 *   <li>socket: one service time (the run's sleep length), whatever N: every reply awaited at once;</li>
 *   <li>spin: N·w / min(N, cores): the CPU work itself, spread over every core, and nothing more;
 *       w is what a task took in the run's spin check (a fork with every core busy), not the
 *       calibration target;</li>
 *   <li>mixed-P (P % of one sleep's length T on the CPU, then the rest waited): N·C / min(N, cores) + W
 *       with C = P % · T (scaled like w by the spin check) and W = T − C: the CPU parts back to back on every core, the last one's
 *       wait after it — the best any schedule can do for tasks that burn first and wait after.</li>
 * </ul>
 */
public final class Ideal {
    private Ideal() {}

    public static double ms(String workload, long tasks, RunData run) {
        return switch (workload) {
            case "sleep", "blocking-sleep", "native-sleep", "socket" -> Double.parseDouble(run.meta("workload.sleep.ms"));
            case "spin" -> tasks * run.spinMs() / Math.min(tasks, run.cores());
            default -> {
                java.util.OptionalInt share = MixedBlend.share(workload);
                yield share.isPresent() ? mixedMs(share.getAsInt(), tasks, run) : Double.NaN;
            }
        };
    }

    /**
     * What blocking-sleep and native-sleep take on a runtime whose carriers stay blocked in the
     * call: one sleep per carrier at a time, ⌈N / carriers⌉ sleeps. NaN for every other workload.
     */
    public static double heldCarriersMs(String workload, long tasks, RunData run) {
        if (!workload.equals("blocking-sleep") && !workload.equals("native-sleep")) {
            return Double.NaN;
        }
        long carriers = carriers(run);
        return Math.ceilDiv(tasks, carriers) * Double.parseDouble(run.meta("workload.sleep.ms"));
    }

    /** The user scheduler's carrier threads in this run. */
    static long carriers(RunData run) {
        String workers = run.meta("model.workers");
        return workers.isEmpty() ? run.cores() : Long.parseLong(workers);
    }

    private static double mixedMs(int cpuPercent, long tasks, RunData run) {
        Duration total = Duration.ofMillis(Long.parseLong(run.meta("workload.sleep.ms")));
        return MixedBlend.idealTime(total, cpuPercent, tasks, run.cores(), run.cpuScale()).toNanos() / 1e6;
    }

    public static String describe(String workload, RunData run) {
        return switch (workload) {
            case "sleep", "blocking-sleep", "native-sleep" -> "one sleep, " + run.meta("workload.sleep.ms")
                    + " ms, at every N";
            case "socket" -> "one service time, " + run.meta("workload.sleep.ms") + " ms, at every N";
            case "spin" -> "N × " + Format.ms(run.spinMs()) + " / min(N, " + run.cores() + " cores)";
            case String w when MixedBlend.share(w).isPresent() -> "N × CPU part / min(N, " + run.cores()
                    + " cores) + the wait";
            default -> "none";
        };
    }
}
