package dev.threadmark.gate;

import dev.threadmark.results.RunMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which runs may be compared and pooled: the gate's rule for what a baseline is made of, read
 * from {@code run.properties}. Nightly, Compare and the tests use this class, nothing else.
 *
 * <p>Two runs are pooled only if they share the sweep's {@link #SETTINGS} (a run made by hand
 * with 13 ms sleeps measures something else) <em>and</em> its {@link #ENVIRONMENT}: the JDK, the
 * JVM flags of the forks, the number of cores, the kind of machine and the processor's model. A
 * JDK update or a runner with more cores or other hardware moves the numbers as much as a code
 * change does; pooling across them would hide the one or blame the other. The kind of machine is
 * the operating system and the architecture, not the host name, which on hosted CI runners differs
 * every night; the processor model ({@code machine.cpu_model}) tells apart the runner classes a
 * hosted pool mixes under one label. Runs made before it was recorded have none, and pool only
 * with each other.
 *
 * <p>Untrusted runs ({@link Trust}) are never pooled either. A run whose {@code run.status} says it did not complete ({@code interrupted}, or still
 * {@code running} because it was killed) is neither a candidate nor a baseline: its points stop
 * wherever it was interrupted and its last point may be cut short. A run without the key (made
 * before the sweep wrote it, or by hand) is taken as complete.
 */
final class Pooling {
    /** The sweep's settings: what it measures. */
    static final List<String> SETTINGS = List.of("sweep.profile", "workload.sleep.ms", "workload.spin.target.ns",
            "model.pool_size", "model.workers");
    /** Where it was measured. */
    static final List<String> ENVIRONMENT = List.of("jdk.version", "jdk.vm", "jvm.args.fork", "machine.cores",
            "machine.kind", RunMetadata.CPU_MODEL);

    private Pooling() {}

    /** "workload.sleep.ms 13 ≠ 10": where a run differs from the candidate in settings or environment; empty if nowhere. */
    static String differences(Map<String, String> run, Map<String, String> candidate) {
        List<String> differs = new ArrayList<>();
        for (List<String> keys : List.of(SETTINGS, ENVIRONMENT)) {
            for (String key : keys) {
                String mine = value(run, key);
                String theirs = value(candidate, key);
                if (!mine.equals(theirs)) {
                    differs.add(key + " " + mine + " ≠ " + theirs);
                }
            }
        }
        return String.join(", ", differs);
    }

    /** Whether the run finished: no {@code run.status}, or {@code complete}. */
    static boolean completed(Map<String, String> metadata) {
        return metadata.getOrDefault("run.status", "complete").equals("complete");
    }

    /** A key's value; the kind of machine is derived ({@link RunMetadata#machineKind}). */
    static String value(Map<String, String> metadata, String key) {
        return key.equals("machine.kind") ? RunMetadata.machineKind(metadata) : metadata.getOrDefault(key, "");
    }
}
