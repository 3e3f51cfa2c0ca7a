package dev.threadmark.report;

import dev.threadmark.results.History;
import dev.threadmark.results.StepsCsv;
import dev.threadmark.results.RunMetadata;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.SchedulerCountersRow;
import dev.threadmark.results.ServerCsv;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One run directory, read: its metadata, the sweep's points and the runtime stage's rows.
 *
 * @param id       the run directory's name
 * @param metadata {@code run.properties}
 * @param points   {@code points.csv}, in sweep order
 * @param runtime  {@code runtime.csv}; empty when the run had no runtime stage
 * @param counters the user scheduler's counters per point (file name without .csv), sorted
 * @param jmh      {@code jmh.json}: threadmark's own entries, checked against the CSV
 * @param foreign  how many entries of {@code jmh.json} were other benchmarks, and ignored
 * @param history  the nightly history this run belongs to ({@code results/history/history.csv}), if any
 * @param server   {@code server.csv}: the socket workload's reply server per point; empty for runs without it
 * @param steps    the open steps the gate found in that history ({@code results/history/steps.csv}), if any
 */
public record RunData(String id, Map<String, String> metadata, List<PointResult> points, List<PointResult> runtime,
        SortedMap<String, List<SchedulerCountersRow>> counters, List<JmhResult> jmh, int foreign,
        List<History.Row> history, List<ServerCsv.Row> server, List<StepsCsv.Step> steps) {
    public RunData {
        metadata = Map.copyOf(metadata);
        points = List.copyOf(points);
        runtime = List.copyOf(runtime);
        counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters));
        jmh = List.copyOf(jmh);
        history = List.copyOf(history);
        server = List.copyOf(server);
        steps = List.copyOf(steps);
    }

    public RunData(String id, Map<String, String> metadata, List<PointResult> points, List<PointResult> runtime,
            SortedMap<String, List<SchedulerCountersRow>> counters, List<JmhResult> jmh, int foreign,
            List<History.Row> history, List<ServerCsv.Row> server) {
        this(id, metadata, points, runtime, counters, jmh, foreign, history, server, List.of());
    }

    public RunData(String id, Map<String, String> metadata, List<PointResult> points, List<PointResult> runtime,
            SortedMap<String, List<SchedulerCountersRow>> counters, List<JmhResult> jmh, int foreign,
            List<History.Row> history) {
        this(id, metadata, points, runtime, counters, jmh, foreign, history, List.of());
    }

    public RunData(String id, Map<String, String> metadata, List<PointResult> points, List<PointResult> runtime,
            SortedMap<String, List<SchedulerCountersRow>> counters, List<JmhResult> jmh, int foreign) {
        this(id, metadata, points, runtime, counters, jmh, foreign, List.of());
    }

    public RunData(String id, Map<String, String> metadata, List<PointResult> points, List<PointResult> runtime) {
        this(id, metadata, points, runtime, new TreeMap<>(), List.of(), 0);
    }

    /** The JMH entry of a sweep point, if it was measured. */
    public java.util.Optional<JmhResult> jmhFor(dev.threadmark.results.Point p) {
        return jmh.stream().filter(j -> j.benchmark().endsWith("SweepBenchmark.fanOutAndJoin")
                && j.param("model").equals(p.model()) && j.param("workload").equals(p.workload())
                && j.param("tasks").equals(Integer.toString(p.tasks()))).findFirst();
    }

    public String meta(String key) {
        return metadata.getOrDefault(key, "");
    }

    /**
     * "other processes used 47 % of the machine's CPU while this run was measured", when they used
     * at least {@link RunMetadata#BUSY_MACHINE} of it ({@link RunMetadata#OTHER_CPU}, checked by
     * {@link RunReader}); empty for a quiet machine or a run that did not record it.
     */
    public java.util.Optional<String> busyMachine() {
        return java.util.Optional.ofNullable(metadata.get(RunMetadata.OTHER_CPU)).map(Double::parseDouble)
                .filter(share -> share >= RunMetadata.BUSY_MACHINE)
                .map(share -> String.format(java.util.Locale.ROOT,
                        "other processes used %.0f %% of the machine's CPU while this run was measured", share * 100));
    }

    public int cores() {
        return Integer.parseInt(metadata.getOrDefault("machine.cores", "1"));
    }

    /**
     * CPU time one spin task burns, in ms: what the spin check measured inside a fork with every
     * core busy ({@code workload.spin.task.ns}), or the calibration target for runs made before it.
     */
    public double spinMs() {
        String measured = metadata.get("workload.spin.task.ns");
        return measured != null ? Double.parseDouble(measured) / 1e6 : spinTargetMs();
    }

    /** The CPU time the spin tokens were calibrated to, in ms. */
    public double spinTargetMs() {
        return Long.parseLong(metadata.getOrDefault("workload.spin.target.ns", "0")) / 1e6;
    }

    /** What a CPU part really costs over its nominal length: the spin check over the target (1 without a check). */
    public double cpuScale() {
        double target = spinTargetMs();
        return target > 0 ? spinMs() / target : 1.0;
    }
}
