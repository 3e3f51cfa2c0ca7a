package dev.threadmark.report;

/**
 * What perfect concurrency would take for N tasks, in ms: the yardstick of efficiency.
 *
 * <ul>
 *   <li>sleep and blocking-sleep: one sleep, whatever N: every wait overlaps;</li>
 *   <li>spin: N·w / min(N, cores): the CPU work itself, spread over every core, and nothing more.</li>
 * </ul>
 */
public final class Ideal {
    private Ideal() {}

    public static double ms(String workload, long tasks, RunData run) {
        return switch (workload) {
            case "sleep", "blocking-sleep" -> Double.parseDouble(run.meta("workload.sleep.ms"));
            case "spin" -> tasks * run.spinMs() / Math.min(tasks, run.cores());
            default -> Double.NaN;
        };
    }

    public static String describe(String workload, RunData run) {
        return switch (workload) {
            case "sleep", "blocking-sleep" -> "one sleep, " + run.meta("workload.sleep.ms") + " ms, at every N";
            case "spin" -> "N × " + Format.ms(run.spinMs()) + " / min(N, " + run.cores() + " cores)";
            default -> "none";
        };
    }
}
