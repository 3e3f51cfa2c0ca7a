package dev.threadmark.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One sweep's own directory, {@code results/runs/<UTC timestamp>-<git sha>/}, never reused:
 * runs cannot overwrite each other. Every file is replaced atomically (write a temporary file,
 * then rename), after every point, so a sweep killed at any moment leaves complete files with
 * everything measured so far.
 */
public final class RunDirectory {
    public static final String JMH_JSON = "jmh.json";
    public static final String JMH_LOG = "jmh.log";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    public static RunDirectory create(Path resultsRoot, ZonedDateTime start, String gitSha) throws IOException {
        Path runs = Files.createDirectories(resultsRoot.resolve("runs"));
        String base = start.withZoneSameInstant(ZoneOffset.UTC).format(STAMP) + "-" + gitSha;
        for (int attempt = 0; ; attempt++) {
            Path candidate = runs.resolve(attempt == 0 ? base : base + "-" + attempt);
            try {
                return new RunDirectory(Files.createDirectory(candidate)); // atomic: fails if it exists
            } catch (FileAlreadyExistsException taken) {
                // two sweeps in the same second: take the next suffix
            }
        }
    }

    public Path path() {
        return path;
    }

    public String id() {
        return path.getFileName().toString();
    }

    public void writeResults(List<PointResult> results) throws IOException {
        replace(ResultsCsv.FILE_NAME, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                ResultsCsv.write(results, w);
            }
        });
    }

    public void writeMetadata(RunMetadata metadata) throws IOException {
        replace(RunMetadata.FILE_NAME, metadata::writeTo);
    }

    /** Writes {@code name} in this directory atomically ({@link AtomicFiles}). */
    public void replace(String name, AtomicFiles.Content content) throws IOException {
        AtomicFiles.replace(path.resolve(name), content);
    }
}
