package dev.threadmark.report;

import dev.threadmark.harness.AtomicFiles;
import dev.threadmark.harness.MalformedResultsException;
import dev.threadmark.harness.PointResult;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The nightly history: {@code results/history/history.csv}, one row per run × point.
 *
 * <p>Appending rewrites the whole file through {@link AtomicFiles} (a temporary sibling, flushed
 * to disk, renamed over the original): a crash or kill at any moment leaves either the old file or
 * the new one, never a torn one. Appending a run already present changes nothing. A malformed
 * row stops the append with its line number; nothing is dropped silently.
 */
public final class History {
    static final String[] COLUMNS = {"run_id", "date", "git_sha", "jdk", "host", "model", "workload", "tasks",
        "sleep_ms", "spin_tokens", "pool_size", "workers", "score", "error", "ci_low", "ci_high", "unit", "status"};

    /** One history row. */
    public record Row(String runId, String date, String gitSha, String jdk, String host, String model, String workload,
            long tasks, long sleepMs, long spinTokens, int poolSize, int workers, double score, double error,
            double ciLow, double ciHigh, String unit, String status) {}

    private History() {}

    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in)
                        .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (!parser.getHeaderNames().equals(List.of(COLUMNS))) {
                throw new MalformedResultsException(file + ": not a threadmark history; header " + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                try {
                    if (!r.isConsistent()) {
                        throw new IllegalArgumentException("expected " + COLUMNS.length + " cells, found " + r.size());
                    }
                    rows.add(new Row(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
                            Long.parseLong(r.get(7)), Long.parseLong(r.get(8)), Long.parseLong(r.get(9)),
                            Integer.parseInt(r.get(10)), Integer.parseInt(r.get(11)), decimal(r.get(12)),
                            decimal(r.get(13)), decimal(r.get(14)), decimal(r.get(15)), r.get(16), r.get(17)));
                } catch (RuntimeException e) {
                    throw new MalformedResultsException(file + " line " + (r.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new MalformedResultsException(file + ": unreadable CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    /** Adds a run's points; returns false (and writes nothing) if the run is already there. */
    public static boolean append(Path file, RunData run) throws IOException {
        List<Row> rows = read(file);
        if (rows.stream().anyMatch(r -> r.runId().equals(run.id()))) {
            return false;
        }
        for (PointResult p : run.points()) {
            rows.add(new Row(run.id(), run.meta("run.started"), run.meta("git.sha"), run.meta("jdk.version"),
                    run.meta("machine.host"), p.point().model(), p.point().workload(), p.point().tasks(),
                    p.parameters().sleepMs(), p.parameters().spinTokens(), p.parameters().poolSize(),
                    p.parameters().workers(), p.score(), p.error(), p.ciLow(), p.ciHigh(), p.unit(), p.status().name()));
        }
        write(file, rows);
        return true;
    }

    static void write(Path file, List<Row> rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.replace(file, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS)
                            .setRecordSeparator('\n').get())) {
                for (Row r : rows) {
                    out.printRecord(r.runId(), r.date(), r.gitSha(), r.jdk(), r.host(), r.model(), r.workload(),
                            r.tasks(), r.sleepMs(), r.spinTokens(), r.poolSize(), r.workers(), number(r.score()),
                            number(r.error()), number(r.ciLow()), number(r.ciHigh()), r.unit(), r.status());
                }
            }
        });
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static double decimal(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
