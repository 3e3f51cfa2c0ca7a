package dev.threadmark.results;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything needed to judge a run's numbers later: when, which commit, which JDK and JVM
 * flags, how many cores, which JMH settings and spin calibration. Stored as a properties file
 * ({@code run.properties}) with sorted keys, readable by people and by {@link Properties}.
 */
public final class RunMetadata {
    public static final String FILE_NAME = "run.properties";

    /**
     * Other processes' share of the machine's CPU while the sweep ran, 0–1 (Linux only; absent
     * elsewhere and in older runs).
     */
    public static final String OTHER_CPU = "machine.other_cpu";

    /** The processor's model name ({@code /proc/cpuinfo}); absent in runs made before it was recorded. */
    public static final String CPU_MODEL = "machine.cpu_model";

    /** The spin check's CPU and wall time per task, ns: their ratio says whether its threads had the cores. */
    public static final String SPIN_CPU_NS = "workload.spin.task.ns";
    public static final String SPIN_WALL_NS = "workload.spin.task.wall.ns";

    /**
     * From this share of other load on, a run's numbers are said to include it. Measured on the
     * 2-core development machine: a sweep on it alone reads 0.001; beside one shell loop, 0.394.
     */
    public static final double BUSY_MACHINE = 0.10;

    private final Map<String, String> values = new TreeMap<>();

    /**
     * The kind of machine, "Linux amd64", from {@code machine.os} (name, version, arch) without the
     * kernel version, which changes with every update and says little about speed.
     */
    public static String machineKind(Map<String, String> metadata) {
        String[] os = metadata.getOrDefault("machine.os", "").split(" ");
        return os.length < 2 ? String.join(" ", os) : os[0] + " " + os[os.length - 1];
    }

    public RunMetadata put(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    public String get(String key) {
        return values.get(key);
    }

    public Map<String, String> asMap() {
        return new LinkedHashMap<>(values);
    }

    public void writeTo(Path file) throws IOException {
        // Properties.store would add a timestamp comment and hash order; write sorted, escaped lines.
        Properties single = new Properties();
        StringBuilder text = new StringBuilder("# threadmark run metadata\n");
        for (Map.Entry<String, String> e : values.entrySet()) {
            single.clear();
            single.setProperty(e.getKey(), e.getValue());
            java.io.StringWriter line = new java.io.StringWriter();
            single.store(line, null);
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    public static RunMetadata read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        RunMetadata m = new RunMetadata();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }
}
