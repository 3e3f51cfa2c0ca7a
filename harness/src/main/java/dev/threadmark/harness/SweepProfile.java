package dev.threadmark.harness;

import dev.threadmark.workloads.MixedWorkload;
import dev.threadmark.workloads.NativeSleepWorkload;
import dev.threadmark.workloads.SocketWorkload;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How thoroughly a sweep measures each point.
 *
 * <p>{@code full} is for numbers you quote: two forks (JMH's error then includes run-to-run JIT
 * and layout variance, not only iteration noise), 2 warm-up and 4 measured iterations of 500 ms,
 * task counts up to a million, and a 10 s per-operation budget; on 2 cores it takes about 45
 * minutes. Why 500 ms and not JMH's usual 1 s or more: most of the ~160 points are operations
 * of 10–100 ms (a sleep, a few hundred tasks), so even 500 ms averages 5–50 of them, and the
 * error that matters here is between forks, not between iterations; with 1 s iterations the
 * default sweep took about an hour, most of it in iterations of such short operations.
 * A point whose operation outlasts 500 ms is timed one operation at a time anyway.
 *
 * <p>Iterations that fit the operation: a point whose operation is expected to outlast an
 * iteration ({@link #singleShot}) is measured in JMH's single-shot mode instead — each measured
 * operation timed on its own, {@code singleShotWarmups} + {@code singleShotMeasured} operations
 * per fork. Averaging over a 500 ms iteration that holds one 2 s operation would give 4 samples per
 * fork where the work gives the time for many more; {@code full} measures at least 10 such
 * operations over its 2 forks, after one warm-up operation per fork (an operation of 500 ms or
 * more runs the task code thousands of times: the JIT has compiled it before that one ends). The {@code mixed-*} blends run at one task count each ({@code mixedTasks}), since
 * their question is how the gains change with the CPU share, not with N. {@code quick} is a first look in about seven minutes: one fork, short iterations,
 * counts up to 100 000, a 2 s budget. Its errors are wide; read its shape, not its digits.
 *
 * <p>Some workloads have counts of their own ({@code countsByWorkload}). In {@code quick},
 * {@code socket} and {@code native-sleep} run at 100 tasks only: each point costs a fork (and,
 * for {@code socket}, a server JVM) of ~5 s, and one count of each keeps the two workloads'
 * share of the quick sweep near 40 s; 100 is where they tell the models apart (100 native sleeps
 * on 2 carriers take 50 sleeps). In {@code full} they take the profile's counts: {@code socket}
 * up to a million, where what the OS refuses (file descriptors, ports) is a recorded point, and
 * {@code native-sleep} as far as the budget allows.
 *
 * @param mixedTasks the task count of the {@code mixed-*} workloads
 * @param budget the longest estimated operation worth running; longer points are recorded as
 *               over budget instead of being run
 * @param countsByWorkload task counts for the workloads that do not take {@code taskCounts}
 */
public record SweepProfile(String name, int forks, int warmupIterations, Duration warmupTime,
        int measurementIterations, Duration measurementTime, int singleShotWarmups, int singleShotMeasured,
        List<Integer> taskCounts, int mixedTasks, Duration budget, Map<String, List<Integer>> countsByWorkload) {

    static final List<Integer> ALL_COUNTS = List.of(1, 10, 100, 1_000, 10_000, 100_000, 1_000_000);

    public static final SweepProfile FULL = new SweepProfile("full", 2, 2, Duration.ofMillis(500),
            4, Duration.ofMillis(500), 1, 5, ALL_COUNTS, 1_000, Duration.ofSeconds(10));

    public static final SweepProfile QUICK = new SweepProfile("quick", 1, 1, Duration.ofMillis(500),
            4, Duration.ofMillis(300), 1, 3, ALL_COUNTS.subList(0, 6), 100, Duration.ofSeconds(2),
            Map.of(SocketWorkload.NAME, List.of(100), NativeSleepWorkload.NAME, List.of(100)));

    /** A profile where every workload but the mixed blends takes {@code taskCounts}. */
    public SweepProfile(String name, int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
            Duration measurementTime, int singleShotWarmups, int singleShotMeasured, List<Integer> taskCounts,
            int mixedTasks, Duration budget) {
        this(name, forks, warmupIterations, warmupTime, measurementIterations, measurementTime, singleShotWarmups,
                singleShotMeasured, taskCounts, mixedTasks, budget, Map.of());
    }

    public SweepProfile {
        taskCounts = List.copyOf(taskCounts);
        countsByWorkload = Map.copyOf(countsByWorkload);
        if (forks < 1 || measurementIterations < 1 || warmupIterations < 0 || singleShotMeasured < 1
                || singleShotWarmups < 0) {
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

    /** Counts given on the command line: every workload but the mixed blends takes them. */
    public SweepProfile withTaskCounts(List<Integer> counts) {
        return new SweepProfile(name, forks, warmupIterations, warmupTime, measurementIterations, measurementTime,
                singleShotWarmups, singleShotMeasured, counts, mixedTasks, budget, Map.of());
    }

    public SweepProfile withMixedTasks(int tasks) {
        return new SweepProfile(name, forks, warmupIterations, warmupTime, measurementIterations, measurementTime,
                singleShotWarmups, singleShotMeasured, taskCounts, tasks, budget, countsByWorkload);
    }

    /** The counts a workload is swept over: one for a {@code mixed-*} blend, its own if it has any, else the profile's. */
    List<Integer> taskCountsFor(String workload) {
        return MixedWorkload.share(workload).isPresent() ? List.of(mixedTasks)
                : countsByWorkload.getOrDefault(workload, taskCounts);
    }

    /**
     * The same profile with {@code n} JMH forks per point. The nightly gate's samples are fork
     * means, so a profile of one fork can never give it a significant difference.
     */
    public SweepProfile withForks(int n) {
        return new SweepProfile(name, n, warmupIterations, warmupTime, measurementIterations, measurementTime,
                singleShotWarmups, singleShotMeasured, taskCounts, mixedTasks, budget, countsByWorkload);
    }

    public SweepProfile withBudget(Duration perOperation) {
        return new SweepProfile(name, forks, warmupIterations, warmupTime, measurementIterations, measurementTime,
                singleShotWarmups, singleShotMeasured, taskCounts, mixedTasks, perOperation, countsByWorkload);
    }

    /** Whether an operation of this length is measured one at a time: it would fill an iteration on its own. */
    boolean singleShot(Duration operation) {
        return operation.compareTo(measurementTime) >= 0;
    }

    /**
     * Wall time one point should take if an operation lasts {@code operation}: in time mode each
     * iteration lasts its set time or one operation, whichever is longer; in single-shot mode
     * each operation is one iteration; plus a fork's JVM start-up.
     */
    Duration expectedPointTime(Duration operation) {
        long op = operation.toNanos();
        long work = singleShot(operation) ? op * (singleShotWarmups + singleShotMeasured)
                : Math.max(warmupTime.toNanos(), op) * warmupIterations
                        + Math.max(measurementTime.toNanos(), op) * measurementIterations;
        return Duration.ofNanos(forks * (FORK_STARTUP.toNanos() + work));
    }

    /** A fork's JVM start: ~1 s to pre-touch the 3 GiB heap ({@link ForkJvm}) and JMH's own start. */
    private static final Duration FORK_STARTUP = Duration.ofMillis(2500);
}
