package dev.threadmark.report;

import static dev.threadmark.results.ResultsCsv.text;
import static dev.threadmark.results.ResultsCsv.untext;

import dev.threadmark.results.AtomicFiles;
import dev.threadmark.results.MalformedResultsException;
import dev.threadmark.results.PointResult;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The nightly history: {@code results/history/history.csv}, one row per run × point, with the
 * gate's verdict on that point the night the run was the candidate.
 *
 * <p>Appending reads the file, adds the run and rewrites it through {@link AtomicFiles} (a
 * temporary sibling of the writer's own, flushed to disk, renamed over the original): a crash or
 * kill at any moment leaves either the old file or the new one, never a torn one. The whole
 * read-add-rewrite holds an exclusive lock on {@code history.csv.lock} (and, since the JVM allows
 * one lock per file and process, a lock in this process too), so two writers at once both land
 * instead of the second overwriting the first's run. Appending a run already present changes
 * nothing. A malformed row stops the append with its line number; nothing is dropped silently.
 * Text cells get the same spreadsheet-formula guard as {@code points.csv}.
 */
public final class History {
    static final String[] COLUMNS = {"run_id", "date", "git_sha", "jdk", "host", "model", "workload", "tasks",
        "sleep_ms", "spin_tokens", "pool_size", "workers", "score", "error", "ci_low", "ci_high", "unit", "status",
        "verdict"};
    /** Histories written before the gate recorded its verdicts: read, with no verdicts. */
    private static final List<String> WITHOUT_VERDICT = List.of(COLUMNS).subList(0, COLUMNS.length - 1);

    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    /**
     * One history row.
     *
     * @param verdict the gate's verdict on this point when this run was the candidate
     *                ({@link Comparison.Verdict} name); empty when it was not compared
     */
    public record Row(String runId, String date, String gitSha, String jdk, String host, String model, String workload,
            long tasks, long sleepMs, long spinTokens, int poolSize, int workers, double score, double error,
            double ciLow, double ciHigh, String unit, String status, String verdict) {
        /** Whether the gate flagged this point on this run. */
        public boolean regressed() {
            return !verdict.isEmpty() && Comparison.Verdict.valueOf(verdict).regression();
        }

        String point() {
            return Comparison.pointName(model, workload, tasks);
        }
    }

    private History() {}

    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in)
                        .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            List<String> header = parser.getHeaderNames();
            if (!header.equals(List.of(COLUMNS)) && !header.equals(WITHOUT_VERDICT)) {
                throw new MalformedResultsException(file + ": not a threadmark history; header " + header);
            }
            for (CSVRecord r : parser) {
                try {
                    if (!r.isConsistent()) {
                        throw new IllegalArgumentException("expected " + header.size() + " cells, found " + r.size());
                    }
                    String verdict = r.size() > 18 ? untext(r.get(18)) : "";
                    if (!verdict.isEmpty()) {
                        Comparison.Verdict.valueOf(verdict); // an unknown verdict is a broken file
                    }
                    rows.add(new Row(untext(r.get(0)), untext(r.get(1)), untext(r.get(2)), untext(r.get(3)),
                            untext(r.get(4)), untext(r.get(5)), untext(r.get(6)), Long.parseLong(r.get(7)),
                            Long.parseLong(r.get(8)), Long.parseLong(r.get(9)), Integer.parseInt(r.get(10)),
                            Integer.parseInt(r.get(11)), decimal(r.get(12)), decimal(r.get(13)), decimal(r.get(14)),
                            decimal(r.get(15)), untext(r.get(16)), untext(r.get(17)), verdict));
                } catch (RuntimeException e) {
                    throw new MalformedResultsException(file + " line " + (r.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new MalformedResultsException(file + ": unreadable CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    /** Adds a run's points without verdicts (it was not compared); see {@link #append(Path, RunData, Map)}. */
    public static boolean append(Path file, RunData run) throws IOException {
        return append(file, run, Map.of());
    }

    /**
     * Adds a run's points with the gate's verdicts (by point name); returns false (and writes
     * nothing) if the run is already there.
     */
    public static boolean append(Path file, RunData run, Map<String, Comparison.Verdict> verdicts) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        IN_PROCESS.lock();
        try (FileChannel lockFile = FileChannel.open(dir.resolve(file.getFileName() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
            List<Row> rows = read(file);
            if (rows.stream().anyMatch(r -> r.runId().equals(run.id()))) {
                return false;
            }
            for (PointResult p : run.points()) {
                String point = Comparison.pointName(p.point().model(), p.point().workload(), p.point().tasks());
                Comparison.Verdict v = verdicts.get(point);
                rows.add(new Row(run.id(), run.meta("run.started"), run.meta("git.sha"), run.meta("jdk.version"),
                        run.meta("machine.host"), p.point().model(), p.point().workload(), p.point().tasks(),
                        p.parameters().sleepMs(), p.parameters().spinTokens(), p.parameters().poolSize(),
                        p.parameters().workers(), p.score(), p.error(), p.ciLow(), p.ciHigh(), p.unit(),
                        p.status().name(), v == null ? "" : v.name()));
            }
            write(file, rows);
            return true;
        } finally {
            IN_PROCESS.unlock();
        }
    }

    static void write(Path file, List<Row> rows) throws IOException {
        AtomicFiles.replace(file, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS)
                            .setRecordSeparator('\n').get())) {
                for (Row r : rows) {
                    List<Object> cells = new ArrayList<>(Arrays.asList(text(r.runId()), text(r.date()),
                            text(r.gitSha()), text(r.jdk()), text(r.host()), text(r.model()), text(r.workload()),
                            r.tasks(), r.sleepMs(), r.spinTokens(), r.poolSize(), r.workers(), number(r.score()),
                            number(r.error()), number(r.ciLow()), number(r.ciHigh()), text(r.unit()), text(r.status()),
                            text(r.verdict())));
                    out.printRecord(cells);
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
