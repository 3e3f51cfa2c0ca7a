package dev.threadmark.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The sweep's settings, checked: what {@link SweepCommand} makes of a command line.
 */
record SweepOptions(SweepProfile profile, List<String> models, List<String> workloads, Duration sleep,
        Duration spinTarget, int poolSize, int workers, Path results, Path project, boolean runtimeStage) {

    /** Parses a command line ({@link SweepCommand} declares the options); bad options throw. */
    static SweepOptions parse(String... args) {
        return SweepCommand.parse(args);
    }
}
