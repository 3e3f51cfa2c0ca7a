package dev.threadmark.results;

import static dev.threadmark.results.ResultsCsv.text;
import static dev.threadmark.results.ResultsCsv.untext;

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
 *
 * <p>Older histories have fewer columns (the header is a prefix of {@link #COLUMNS}: without
 * verdicts, or without allocation and trust): they are read with those cells empty and written
 * back in the current format on the next append.
 */
public final class History {
    static final String[] COLUMNS = {"run_id", "date", "git_sha", "jdk", "host", "model", "workload", "tasks",
        "sleep_ms", "spin_tokens", "pool_size", "workers", "score", "error", "ci_low", "ci_high", "unit", "status",
        "verdict", "alloc_bytes_per_op", "trust"};
    /** The oldest header still read: before the gate recorded its verdicts. */
    private static final int OLDEST = 18;

    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    /**
     * One history row.
     *
     * @param verdict          the gate's verdict on this point when this run was the candidate
     *                         ({@link Verdict} name); empty when it was not judged
     * @param allocBytesPerOp  bytes allocated per operation ({@code gc.alloc.rate.norm}); NaN if not measured
     * @param trust            empty for a trusted run; else why it is not evidence ("other processes used
     *                         47 % of the CPU"): shown, never pooled, never judged
     */
    public record Row(String runId, String date, String gitSha, String jdk, String host, String model, String workload,
            long tasks, long sleepMs, long spinTokens, int poolSize, int workers, double score, double error,
            double ciLow, double ciHigh, String unit, String status, String verdict, double allocBytesPerOp,
            String trust) {
        /** Whether the gate flagged this point on this run. */
        public boolean regressed() {
            return !verdict.isEmpty() && Verdict.valueOf(verdict).regression();
        }

        /** The point's name in comparisons: model/workload/tasks. */
        public String point() {
            return Point.name(model, workload, tasks);
        }

        public boolean trusted() {
            return trust.isEmpty();
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
            if (header.size() < OLDEST || !header.equals(List.of(COLUMNS).subList(0, header.size()))) {
                throw new MalformedResultsException(file + ": not a threadmark history; header " + header);
            }
            for (CSVRecord r : parser) {
                try {
                    if (!r.isConsistent()) {
                        throw new IllegalArgumentException("expected " + header.size() + " cells, found " + r.size());
                    }
                    String verdict = cell(r, 18);
                    if (!verdict.isEmpty()) {
                        Verdict.valueOf(verdict); // an unknown verdict is a broken file
                    }
                    rows.add(new Row(untext(r.get(0)), untext(r.get(1)), untext(r.get(2)), untext(r.get(3)),
                            untext(r.get(4)), untext(r.get(5)), untext(r.get(6)), Long.parseLong(r.get(7)),
                            Long.parseLong(r.get(8)), Long.parseLong(r.get(9)), Integer.parseInt(r.get(10)),
                            Integer.parseInt(r.get(11)), decimal(r.get(12)), decimal(r.get(13)), decimal(r.get(14)),
                            decimal(r.get(15)), untext(r.get(16)), untext(r.get(17)), verdict, decimal(cell(r, 19)),
                            cell(r, 20)));
                } catch (RuntimeException e) {
                    throw new MalformedResultsException(file + " line " + (r.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new MalformedResultsException(file + ": unreadable CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * Adds one run's rows (all with the same run id); returns false (and writes nothing) if the
     * run is already there.
     */
    public static boolean append(Path file, List<Row> run) throws IOException {
        if (run.stream().map(Row::runId).distinct().count() > 1) {
            throw new IllegalArgumentException("one run at a time");
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        IN_PROCESS.lock();
        try (FileChannel lockFile = FileChannel.open(dir.resolve(file.getFileName() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
            List<Row> rows = read(file);
            if (!run.isEmpty() && rows.stream().anyMatch(r -> r.runId().equals(run.getFirst().runId()))) {
                return false;
            }
            rows.addAll(run);
            write(file, rows);
            return true;
        } finally {
            IN_PROCESS.unlock();
        }
    }

    public static void write(Path file, List<Row> rows) throws IOException {
        AtomicFiles.replace(file, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS)
                            .setRecordSeparator('\n').get())) {
                for (Row r : rows) {
                    List<Object> cells = new ArrayList<>(Arrays.asList(text(r.runId()), text(r.date()),
                            text(r.gitSha()), text(r.jdk()), text(r.host()), text(r.model()), text(r.workload()),
                            r.tasks(), r.sleepMs(), r.spinTokens(), r.poolSize(), r.workers(), number(r.score()),
                            number(r.error()), number(r.ciLow()), number(r.ciHigh()), text(r.unit()), text(r.status()),
                            text(r.verdict()), number(r.allocBytesPerOp()), text(r.trust())));
                    out.printRecord(cells);
                }
            }
        });
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** A cell that older formats do not have reads as empty. */
    private static String cell(CSVRecord r, int i) {
        return r.size() > i ? untext(r.get(i)) : "";
    }

    private static double decimal(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
