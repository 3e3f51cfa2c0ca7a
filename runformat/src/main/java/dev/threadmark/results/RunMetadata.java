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

    /**
     * From this share of other load on, a run's numbers are said to include it. Measured on the
     * 2-core development machine: a sweep on it alone reads 0.001; beside one shell loop, 0.394.
     */
    public static final double BUSY_MACHINE = 0.10;

    private final Map<String, String> values = new TreeMap<>();

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
