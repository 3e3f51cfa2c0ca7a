package dev.threadmark.gate;

import dev.threadmark.report.JmhJson;
import dev.threadmark.report.JmhResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain JMH result file ({@code -rf json}) from any project, as the gate's points: one per
 * benchmark, parameter set and mode, named {@code Class.method} plus its parameters
 * ({@code ListBench.add size=10 impl=array}) and, when the same benchmark ran in several modes,
 * the mode ({@code [thrpt]}). Entries match between two files by that name. The direction is
 * the mode's: throughput higher is better, time per operation ({@code avgt}, {@code sample},
 * {@code ss}) lower. The measurement is the primary metric's iterations per fork, and the
 * bytes per operation when the GC profiler ran; other secondary metrics are not judged, and
 * iterations JMH wrote as {@code "NaN"} are left out (an entry with none left is not measured).
 */
final class JmhFile {
    private JmhFile() {}

    static Map<String, Measurement> measurements(Path file) throws IOException {
        List<JmhResult> entries = JmhJson.read(file);
        Map<String, Long> modes = entries.stream().collect(Collectors.groupingBy(JmhFile::nameWithoutMode,
                HashMap::new, Collectors.mapping(JmhResult::mode, Collectors.collectingAndThen(Collectors.toSet(),
                        s -> (long) s.size()))));
        Map<String, Measurement> samples = new LinkedHashMap<>();
        for (JmhResult j : entries) {
            String name = nameWithoutMode(j) + (modes.get(nameWithoutMode(j)) > 1 ? " [" + j.mode() + "]" : "");
            if (samples.put(name, Measurement.of(j)) != null) {
                throw new dev.threadmark.results.MalformedResultsException(file + ": benchmark " + name
                        + " appears twice");
            }
        }
        return samples;
    }

    private static String nameWithoutMode(JmhResult j) {
        String[] parts = j.benchmark().split("\\.");
        String shortName = parts.length < 2 ? j.benchmark() : parts[parts.length - 2] + "." + parts[parts.length - 1];
        StringBuilder b = new StringBuilder(shortName);
        j.params().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }
}
