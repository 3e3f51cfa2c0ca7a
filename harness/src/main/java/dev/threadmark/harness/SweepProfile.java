package dev.threadmark.harness;

import dev.threadmark.workloads.MixedWorkload;
import java.time.Duration;
import java.util.List;

/**
 * How thoroughly a sweep measures each point.
 *
 * <p>{@code full} is for numbers you quote: two forks (JMH's error then includes run-to-run JIT
 * and layout variance, not only iteration noise), 2 warm-up and 4 measured iterations of 1 s,
 * task counts up to a million, and a 10 s per-operation budget; on 2 cores it takes about 20–30
 * minutes. The {@code mixed-*} blends run at one task count each ({@code mixedTasks}), since
 * their question is how the gains change with the CPU share, not with N. {@code quick} is a first look in about three minutes: one fork, short iterations,
 * counts up to 100 000, a 2 s budget. Its errors are wide; read its shape, not its digits.
 *
 * @param mixedTasks the task count of the {@code mixed-*} workloads
 * @param budget the longest estimated operation worth running; longer points are recorded as
 *               over budget instead of being run
 */
public record SweepProfile(String name, int forks, int warmupIterations, Duration warmupTime,
        int measurementIterations, Duration measurementTime, List<Integer> taskCounts, int mixedTasks, Duration budget) {

    static final List<Integer> ALL_COUNTS = List.of(1, 10, 100, 1_000, 10_000, 100_000, 1_000_000);

    public static final SweepProfile FULL = new SweepProfile("full", 2, 2, Duration.ofSeconds(1),
            4, Duration.ofSeconds(1), ALL_COUNTS, 1_000, Duration.ofSeconds(10));

    public static final SweepProfile QUICK = new SweepProfile("quick", 1, 1, Duration.ofMillis(500),
            5, Duration.ofMillis(300), ALL_COUNTS.subList(0, 6), 100, Duration.ofSeconds(2));

    public SweepProfile {
        taskCounts = List.copyOf(taskCounts);
        if (forks < 1 || measurementIterations < 1 || warmupIterations < 0) {
            throw new IllegalArgumentException("profile " + name + " needs at least one fork and one measured iteration");
        }
        if (mixedTasks < 1) {
            throw new IllegalArgumentException("mixed task count must be at least 1, got " + mixedTasks);
        }
        for (int n : taskCounts) {
            if (n < 1) {
                throw new IllegalArgumentException("task count must be at least 1, got " + n);
            }
        }
    }

    public static SweepProfile named(String name) {
        return switch (name) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            default -> throw new IllegalArgumentException("unknown sweep profile '" + name + "'; choose quick or full");
        };
    }

    public SweepProfile withTaskCounts(List<Integer> counts) {
        return new SweepProfile(name, forks, warmupIterations, warmupTime, measurementIterations, measurementTime,
                counts, mixedTasks, budget);
    }

    public SweepProfile withMixedTasks(int tasks) {
        return new SweepProfile(name, forks, warmupIterations, warmupTime, measurementIterations, measurementTime,
                taskCounts, tasks, budget);
    }

    /** The counts a workload is swept over: one for a {@code mixed-*} blend, the profile's for the rest. */
    List<Integer> taskCountsFor(String workload) {
        return MixedWorkload.share(workload).isPresent() ? List.of(mixedTasks) : taskCounts;
    }

    public SweepProfile withBudget(Duration perOperation) {
        return new SweepProfile(name, forks, warmupIterations, warmupTime, measurementIterations, measurementTime,
                taskCounts, mixedTasks, perOperation);
    }

    /**
     * Wall time one point should take if an operation lasts {@code operation}: each iteration
     * lasts its set time or one operation, whichever is longer, plus a fork's JVM start-up.
     */
    Duration expectedPointTime(Duration operation) {
        long warm = Math.max(warmupTime.toNanos(), operation.toNanos()) * warmupIterations;
        long measure = Math.max(measurementTime.toNanos(), operation.toNanos()) * measurementIterations;
        return Duration.ofNanos(forks * (FORK_STARTUP.toNanos() + warm + measure));
    }

    private static final Duration FORK_STARTUP = Duration.ofMillis(1500);
}
