package dev.threadmark.harness;

import dev.threadmark.workloads.ModelSettings;
import dev.threadmark.workloads.Models;
import dev.threadmark.workloads.WorkloadSettings;
import dev.threadmark.workloads.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sweep's command line. Every value is checked here, before anything runs, so a typo costs
 * a second and an error message, not a half-finished half-hour sweep.
 */
record SweepOptions(SweepProfile profile, List<String> models, List<String> workloads, Duration sleep,
        Duration spinTarget, int poolSize, int workers, Path results, Path project, boolean runtimeStage) {

    static final String USAGE = """
            usage: Sweep [--profile quick|full] [--models a,b] [--workloads a,b] [--counts 1,10,...]
                         [--sleep-ms N] [--spin-us N] [--mixed-tasks N] [--pool-size N] [--workers N] [--budget-s N]
                         [--results DIR] [--project DIR] [--runtime yes|no]
              --profile    quick (~3 min, up to 100k tasks) or full (~30 min, up to 1M, 2 forks); default full
              --models     threading models to run; default all: %s
              --workloads  workloads to run ("mixed" = every mixed-*); default all: %s
              --counts     task counts, for every workload but mixed-*; default the profile's (quick: socket and native-sleep at 100 only)
              --sleep-ms   how long one sleep task waits, and the socket server's service time; default 10
              --spin-us    CPU time one spin task burns, calibrated at start; default 10
              --mixed-tasks task count of the mixed-* blends (CPU share of one sleep's length); default 100 quick, 1000 full
              --pool-size  threads of platform-pool; default 200
              --workers    carrier threads of the user scheduler; default: available processors
              --budget-s   skip points whose estimated operation exceeds this; default the profile's
              --results    results directory; a run goes to DIR/runs/<timestamp>-<sha>; default ./results
              --project    the git checkout whose commit is recorded; default .
              --runtime    also measure runtime costs (1M no-op tasks, ping-pong, parked-task heap); default yes
            """;

    static String usage() {
        return USAGE.formatted(String.join(",", Models.names()), String.join(",", Workloads.names()));
    }

    static SweepOptions parse(String... args) {
        SweepProfile profile = SweepProfile.FULL;
        List<Integer> counts = null;
        Integer mixedTasks = null;
        Duration budget = null;
        List<String> models = Models.names();
        List<String> workloads = Workloads.names();
        Duration sleep = WorkloadSettings.DEFAULT_SLEEP;
        Duration spin = WorkloadSettings.DEFAULT_SPIN;
        int poolSize = ModelSettings.DEFAULT_POOL_SIZE;
        int workers = 0;
        Path results = Path.of("results");
        Path project = Path.of(".");
        boolean runtime = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("help requested");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--profile" -> profile = SweepProfile.named(value);
                case "--models" -> models = names(value, Models::requireKnown);
                case "--workloads" -> workloads = workloads(value);
                case "--counts" -> counts = Arrays.stream(value.split(",")).map(c -> positive("--counts", c)).toList();
                case "--sleep-ms" -> sleep = Duration.ofMillis(nonNegative("--sleep-ms", value));
                case "--spin-us" -> spin = Duration.ofNanos(1_000L * positive("--spin-us", value));
                case "--mixed-tasks" -> mixedTasks = positive("--mixed-tasks", value);
                case "--pool-size" -> poolSize = positive("--pool-size", value);
                case "--workers" -> workers = positive("--workers", value);
                case "--budget-s" -> budget = Duration.ofSeconds(positive("--budget-s", value));
                case "--results" -> results = Path.of(value);
                case "--project" -> project = Path.of(value);
                case "--runtime" -> runtime = switch (value) {
                    case "yes" -> true;
                    case "no" -> false;
                    default -> throw new IllegalArgumentException("--runtime takes yes or no, got '" + value + "'");
                };
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (counts != null) {
            profile = profile.withTaskCounts(counts.stream().sorted().distinct().toList());
        }
        if (mixedTasks != null) {
            profile = profile.withMixedTasks(mixedTasks);
        }
        if (budget != null) {
            profile = profile.withBudget(budget);
        }
        return new SweepOptions(profile, models, workloads, sleep, spin, poolSize, workers, results, project, runtime);
    }

    private static List<String> names(String value, java.util.function.Consumer<String> check) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            check.accept(name.strip());
            names.add(name.strip());
        }
        return List.copyOf(names);
    }

    private static List<String> workloads(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            names.addAll(Workloads.expand(name.strip()));
        }
        return List.copyOf(names);
    }

    private static int positive(String option, String value) {
        int n = integer(option, value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + n);
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        int n = integer(option, value);
        if (n < 0) {
            throw new IllegalArgumentException(option + " must not be negative, got " + n);
        }
        return n;
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
        }
    }
}
