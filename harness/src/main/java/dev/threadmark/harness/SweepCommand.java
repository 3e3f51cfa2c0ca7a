package dev.threadmark.harness;

import dev.threadmark.workloads.ModelSettings;
import dev.threadmark.workloads.Models;
import dev.threadmark.workloads.WorkloadSettings;
import dev.threadmark.workloads.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The sweep's command line, declared once for {@link Sweep#main} and the {@code threadmark sweep}
 * subcommand. Every value is checked before anything runs ({@link #options()}), so a typo costs a
 * second and an error message naming the option, not a half-finished half-hour sweep.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs every model x workload x task count, one JMH run per point, into results/runs/<run>.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run is complete", "1:the sweep itself failed", "2:bad options",
            "3:stopped by the environment (another sweep or JMH, Ctrl-C, a killed fork); the run is kept, marked interrupted"})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "quick|full", defaultValue = "full",
            description = "quick (~7 min, up to 100k tasks, 1 fork) or full (~45 min, up to 1M, 2 forks); default ${DEFAULT-VALUE}")
    private String profile;

    @Option(names = "--models", paramLabel = "MODEL", split = ",", completionCandidates = ModelNames.class,
            description = "threading models to run; default all: ${COMPLETION-CANDIDATES} (user-no-handoff, our "
                    + "scheduler with its blocking hand-off off, runs only blocking-sleep and native-sleep)")
    private List<String> models;

    @Option(names = "--workloads", paramLabel = "WORKLOAD", split = ",", completionCandidates = WorkloadNames.class,
            description = "workloads to run (\"mixed\" = every mixed-*); default all: ${COMPLETION-CANDIDATES}")
    private List<String> workloads;

    @Option(names = "--counts", paramLabel = "N", split = ",", description = "task counts, for every workload but mixed-*; default the profile's (quick: socket and native-sleep at 100 only)")
    private List<Integer> counts;

    @Option(names = "--forks", paramLabel = "N",
            description = "JMH forks per point, at least 1; default the profile's (quick 1, full 2). The nightly gate "
                    + "compares fork means: it needs several")
    private Integer forks;

    @Option(names = "--sleep-ms", paramLabel = "N", description = "how long one sleep task waits, and the socket server's service time; default 10")
    private Integer sleepMs;

    @Option(names = "--spin-us", paramLabel = "N", description = "CPU time one spin task burns, calibrated at start; default 10")
    private Integer spinUs;

    @Option(names = "--mixed-tasks", paramLabel = "N",
            description = "task count of the mixed-* blends; default 100 quick, 1000 full")
    private Integer mixedTasks;

    @Option(names = "--pool-size", paramLabel = "N", description = "threads of platform-pool; default 200")
    private Integer poolSize;

    @Option(names = "--workers", paramLabel = "N",
            description = "carrier threads of the user scheduler; default: available processors")
    private Integer workers;

    @Option(names = "--budget-s", paramLabel = "N",
            description = "skip points whose estimated operation exceeds this; default the profile's")
    private Integer budgetS;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "results directory; a run goes to DIR/runs/<timestamp>-<sha>; default ./${DEFAULT-VALUE}")
    private Path results;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "the git checkout whose commit is recorded; default ${DEFAULT-VALUE}")
    private Path project;

    @Option(names = "--runtime", paramLabel = "yes|no", defaultValue = "yes",
            description = "also measure runtime costs (1M no-op tasks, ping-pong, parked-task memory); default ${DEFAULT-VALUE}")
    private String runtime;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SweepOptions options = options();
        try (SweepLock lock = SweepLock.acquire(SweepLock.DEFAULT)) {
            Path run = new Sweep(options, System.out).run();
            System.out.println("run directory: " + run.toAbsolutePath().normalize());
            return 0;
        } catch (SweepInterruptedException e) {
            System.err.println("threadmark sweep: stopped: " + e.getMessage());
            return 3;
        }
    }

    /** The options as the sweep uses them; a value out of range is a usage error naming its option. */
    SweepOptions options() {
        SweepProfile p = checked("--profile", () -> SweepProfile.named(profile));
        if (counts != null) {
            counts.forEach(n -> atLeast("--counts", n, 1));
            p = p.withTaskCounts(counts.stream().sorted().distinct().toList());
        }
        if (mixedTasks != null) {
            p = p.withMixedTasks(atLeast("--mixed-tasks", mixedTasks, 1));
        }
        if (budgetS != null) {
            p = p.withBudget(Duration.ofSeconds(atLeast("--budget-s", budgetS, 1)));
        }
        if (forks != null) {
            p = p.withForks(atLeast("--forks", forks, 1));
        }
        List<String> modelNames = models == null ? Models.names() : models.stream().map(String::strip).toList();
        modelNames.forEach(m -> checked("--models", () -> {
            Models.requireKnown(m);
            return m;
        }));
        List<String> workloadNames = Workloads.names();
        if (workloads != null) {
            List<String> expanded = new ArrayList<>();
            workloads.forEach(w -> expanded.addAll(checked("--workloads", () -> Workloads.expand(w.strip()))));
            workloadNames = List.copyOf(expanded);
        }
        if (Files.exists(results) && !Files.isDirectory(results)) {
            throw new ParameterException(spec.commandLine(), "--results " + results + " is not a directory");
        }
        if (!Files.isDirectory(project)) {
            throw new ParameterException(spec.commandLine(), "--project " + project + " is not a directory");
        }
        boolean runtimeStage = switch (runtime) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new ParameterException(spec.commandLine(), "--runtime takes yes or no, got '" + runtime + "'");
        };
        return new SweepOptions(p, List.copyOf(modelNames), workloadNames,
                sleepMs == null ? WorkloadSettings.DEFAULT_SLEEP : Duration.ofMillis(atLeast("--sleep-ms", sleepMs, 0)),
                spinUs == null ? WorkloadSettings.DEFAULT_SPIN : Duration.ofNanos(1_000L * atLeast("--spin-us", spinUs, 1)),
                poolSize == null ? ModelSettings.DEFAULT_POOL_SIZE : atLeast("--pool-size", poolSize, 1),
                workers == null ? 0 : atLeast("--workers", workers, 1), results, project, runtimeStage);
    }

    private int atLeast(String option, int value, int least) {
        if (value < least) {
            throw new ParameterException(spec.commandLine(), option + (least == 0 ? " must not be negative"
                    : " must be at least " + least) + ", got " + value);
        }
        return value;
    }

    /** A domain check's IllegalArgumentException becomes a usage error of {@code option}. */
    private <T> T checked(String option, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** The model names for the help text. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Models.names().iterator();
        }
    }

    /** The workload names for the help text. */
    static final class WorkloadNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Workloads.names().iterator();
        }
    }

    /** Parses {@code args} as the command line does; bad options throw {@link ParameterException}. */
    static SweepOptions parse(String... args) {
        SweepCommand command = new SweepCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }
}
