package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.TaskCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The blocking-calls section's one sentence: what a plain {@code Thread.sleep} does to each
 * model, at the largest task count every model measured, in sleeps' worth of time. Virtual
 * threads unmount inside the call and stay near one sleep; a user thread on our scheduler keeps
 * its carrier blocked, so N of them take about ⌈N / carriers⌉ sleeps — drawn in the time chart
 * as a second dashed line ({@link Ideal#heldCarriersMs}).
 */
final class BlockingSection {
    private BlockingSection() {}

    /**
     * @param blocking model → its blocking-sleep points
     * @param sleep    model → its sleep points (the same wait through the runtime's own sleep), may be empty
     */
    static String sentence(Map<String, List<PointResult>> blocking, Map<String, List<PointResult>> sleep, RunData run) {
        OptionalLong common = commonCount(blocking);
        if (common.isEmpty()) {
            return "";
        }
        long n = common.getAsLong();
        List<String> parts = inSleeps(blocking, n, run, (model, p) -> ReportModel.pointAt(
                sleep.getOrDefault(model, List.of()), n).filter(PointResult::measured)
                .map(s -> ", " + Ratio.of(run, p, s).format() + " its time with the runtime's own sleep").orElse(""));
        return "With " + TaskCounts.format(n) + " tasks calling Thread.sleep directly, " + String.join(", ", parts)
                + ". A virtual thread unmounts inside Thread.sleep. A user thread's carrier stays blocked in the "
                + "call; our scheduler's monitor notices and hands the carrier's queued work to a spare carrier, as "
                + "Go's sysmon hands a P on — without that (user-no-handoff, the same scheduler with the monitor off) "
                + "only " + Ideal.carriers(run) + " sleeps overlap at a time (upper dashed line: ⌈N / "
                + Ideal.carriers(run) + "⌉ sleeps).";
    }

    /**
     * The native-sleep sentence: the same wait in libc's {@code usleep}, a native frame no
     * runtime can unmount — virtual threads join user threads on the ⌈N / carriers⌉ line.
     */
    static String nativeSentence(Map<String, List<PointResult>> nativeSleep, RunData run) {
        OptionalLong common = commonCount(nativeSleep);
        if (common.isEmpty()) {
            return "";
        }
        long n = common.getAsLong();
        List<String> parts = inSleeps(nativeSleep, n, run, (model, p) -> "");
        return "With " + TaskCounts.format(n) + " tasks each sleeping in libc's usleep through a native call, "
                + String.join(", ", parts) + ". No runtime can take a thread off a native frame: a virtual thread "
                + "keeps its carrier and Loom does not compensate, so it lands near the upper dashed line (⌈N / "
                + Ideal.carriers(run) + "⌉ sleeps, with " + run.cores() + " carriers), as our scheduler does with its "
                + "monitor off (user-no-handoff); with it, the monitor sees the carrier asleep in the kernel and hands "
                + "its work to a spare carrier, as Go's sysmon does; platform threads, each its own kernel thread, "
                + "all sleep at once.";
    }

    /** "virtual takes 10.7 ms (1.07 sleeps…)" per model at {@code n}, with what {@code more} adds inside the brackets. */
    private static List<String> inSleeps(Map<String, List<PointResult>> byModel, long n, RunData run,
            java.util.function.BiFunction<String, PointResult, String> more) {
        double oneSleep = Double.parseDouble(run.meta("workload.sleep.ms"));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<PointResult>> e : byModel.entrySet()) {
            PointResult p = ReportModel.pointAt(e.getValue(), n).orElseThrow();
            parts.add(e.getKey() + " takes " + Format.ms(p.score()) + " (" + Format.significant(p.score() / oneSleep)
                    + " sleeps" + more.apply(e.getKey(), p) + ")");
        }
        return parts;
    }

    /** The largest task count that every model measured, if any. */
    static OptionalLong commonCount(Map<String, List<PointResult>> byModel) {
        return byModel.values().iterator().next().stream().filter(PointResult::measured)
                .mapToLong(p -> p.point().tasks())
                .filter(n -> byModel.values().stream().allMatch(s -> ReportModel.pointAt(s, n).filter(PointResult::measured).isPresent()))
                .max();
    }
}
