package dev.threadmark.report;

import dev.threadmark.results.History;
import dev.threadmark.results.StepsCsv;
import dev.threadmark.results.MalformedResultsException;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.ResultsCsv;
import dev.threadmark.results.RunDirectory;
import dev.threadmark.results.RunMetadata;
import dev.threadmark.results.SchedulerCountersFile;
import dev.threadmark.results.SchedulerCountersRow;
import dev.threadmark.results.ServerCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a run directory, refusing anything that is not what the sweep writes: every problem is
 * a {@link MalformedResultsException} that names the file and what is wrong.
 */
public final class RunReader {
    private static final String[] REQUIRED_METADATA = {"run.id", "machine.cores", "workload.sleep.ms",
        "workload.spin.target.ns"};

    private RunReader() {}

    private static boolean isShare(String value) {
        try {
            double share = Double.parseDouble(value);
            return share >= 0 && share <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static RunData read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new MalformedResultsException(dir + ": not a run directory");
        }
        Path csv = requireFile(dir.resolve(ResultsCsv.FILE_NAME));
        Path props = requireFile(dir.resolve(RunMetadata.FILE_NAME));
        RunMetadata metadata = RunMetadata.read(props);
        for (String key : REQUIRED_METADATA) {
            String value = metadata.get(key);
            if (value == null || value.isBlank()) {
                throw new MalformedResultsException(props + ": missing '" + key + "'");
            }
        }
        try {
            Integer.parseInt(metadata.get("machine.cores"));
            Long.parseLong(metadata.get("workload.spin.target.ns"));
            Long.parseLong(metadata.get("workload.sleep.ms"));
            String spinTask = metadata.get("workload.spin.task.ns");
            if (spinTask != null && !(Double.parseDouble(spinTask) > 0)) {
                throw new MalformedResultsException(props + ": workload.spin.task.ns must be a positive time, got "
                        + spinTask);
            }
        } catch (NumberFormatException e) {
            throw new MalformedResultsException(props + ": not a number: " + e.getMessage());
        }
        String otherCpu = metadata.get(RunMetadata.OTHER_CPU);
        if (otherCpu != null && !isShare(otherCpu)) {
            throw new MalformedResultsException(props + ": " + RunMetadata.OTHER_CPU + " must be a share from 0 to 1, got '"
                    + otherCpu + "'");
        }
        List<PointResult> points = checked(csv, ResultsCsv.read(csv));
        if (points.isEmpty()) {
            throw new MalformedResultsException(csv + ": no points");
        }
        Path runtimeCsv = dir.resolve("runtime.csv");
        List<PointResult> runtime = Files.exists(runtimeCsv) ? checked(runtimeCsv, ResultsCsv.read(runtimeCsv)) : List.of();
        SortedMap<String, List<SchedulerCountersRow>> counters = new TreeMap<>();
        Path countersDir = dir.resolve(SchedulerCountersFile.DIRECTORY);
        if (Files.isDirectory(countersDir)) {
            try (Stream<Path> files = Files.list(countersDir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                    counters.put(f.getFileName().toString().replaceFirst("\\.csv$", ""), SchedulerCountersFile.read(f));
                }
            }
        }
        Path json = requireFile(dir.resolve(RunDirectory.JMH_JSON));
        List<JmhResult> all = JmhJson.read(json);
        List<JmhResult> ours = all.stream().filter(j -> j.benchmark().startsWith(OUR_BENCHMARKS)).toList();
        // A run under results/runs/ shares results/history/history.csv with the nightly job.
        Path parent = dir.toAbsolutePath().getParent();
        Path historyFile = parent == null || parent.getParent() == null ? null
                : parent.getParent().resolve("history").resolve("history.csv");
        List<History.Row> history = historyFile != null && Files.exists(historyFile) ? History.read(historyFile) : List.of();
        List<StepsCsv.Step> steps = historyFile != null ? StepsCsv.read(historyFile.resolveSibling(StepsCsv.FILE_NAME))
                : List.of();
        RunData run = new RunData(dir.getFileName().toString(), metadata.asMap(), points, runtime, counters, ours,
                all.size() - ours.size(), history, ServerCsv.read(dir), steps);
        crossCheck(csv, json, run);
        return run;
    }

    private static final String OUR_BENCHMARKS = "dev.threadmark.harness.";

    /** Every measured point of the CSV must be in JMH's JSON with the same score (the CSV keeps 6 digits). */
    private static void crossCheck(Path csv, Path json, RunData run) {
        for (PointResult p : run.points()) {
            if (!p.measured()) {
                continue;
            }
            JmhResult j = run.jmhFor(p.point()).orElseThrow(() -> new MalformedResultsException(
                    csv + " and " + json + " disagree: " + p.point() + " is measured in the CSV but absent from the JSON"));
            if (Math.abs(j.score() - p.score()) > 1e-5 * Math.abs(j.score())) {
                throw new MalformedResultsException(csv + " and " + json + " disagree on " + p.point() + ": score "
                        + p.score() + " vs " + j.score());
            }
        }
    }

    private static Path requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MalformedResultsException(file + ": missing");
        }
        if (Files.size(file) == 0) {
            throw new MalformedResultsException(file + ": empty");
        }
        return file;
    }

    /** A measured point needs a finite score: "NaN" or an infinite score is a broken file. */
    private static List<PointResult> checked(Path file, List<PointResult> rows) {
        for (int i = 0; i < rows.size(); i++) {
            PointResult r = rows.get(i);
            if (r.measured() && (!Double.isFinite(r.score()) || r.score() < 0)) {
                throw new MalformedResultsException(file + " line " + (i + 2) + ": status OK but score is " + r.score());
            }
        }
        return rows;
    }
}
