package dev.threadmark.results;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
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
 * The tidy CSV of a run: one row per point, one column per variable, readable by a spreadsheet,
 * R or pandas as it is. Unmeasured points have empty score cells and a reason.
 */
public final class ResultsCsv {
    public static final String FILE_NAME = "points.csv";

    static final String[] COLUMNS = {"model", "workload", "tasks", "sleep_ms", "spin_tokens", "pool_size",
        "workers", "score", "error", "ci_low", "ci_high", "unit", "samples", "status", "reason",
        "alloc_bytes_per_task", "gc_ms_per_op"};
    /** The columns before the GC profiler ran on every point: such runs are still read, without GC figures. */
    private static final List<String> COLUMNS_WITHOUT_GC = List.of(COLUMNS).subList(0, COLUMNS.length - 2);

    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setHeader(COLUMNS).setRecordSeparator('\n').get();
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private ResultsCsv() {}

    public static void write(List<PointResult> results, Writer out) throws IOException {
        try (CSVPrinter printer = new CSVPrinter(out, WRITE)) {
            for (PointResult r : results) {
                RunParameters p = r.parameters();
                printer.printRecord(text(r.point().model()), text(r.point().workload()), r.point().tasks(),
                        p.sleepMs(), p.spinTokens(), p.poolSize(), p.workers(),
                        number(r.score()), number(r.error()), number(r.ciLow()), number(r.ciHigh()),
                        text(r.unit()), r.samples(), r.status(), text(r.reason()),
                        number(r.gc().allocBytesPerTask()), number(r.gc().gcMsPerOp()));
            }
        }
    }

    public static List<PointResult> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads what {@link #write} wrote; anything else fails with the file, line and what is wrong. */
    public static List<PointResult> read(Reader in, String source) throws IOException {
        List<PointResult> results = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(READ).get()) {
            List<String> header = parser.getHeaderNames();
            boolean withGc = header.equals(List.of(COLUMNS));
            if (!withGc && !header.equals(COLUMNS_WITHOUT_GC)) {
                throw new MalformedResultsException(source + ": not a threadmark points CSV; header is " + header
                        + ", expected " + List.of(COLUMNS));
            }
            for (CSVRecord row : parser) {
                try {
                    results.add(parse(row, header.size(), withGc));
                } catch (RuntimeException e) {
                    throw new MalformedResultsException(source + " line " + (row.getRecordNumber() + 1) + ": "
                            + e.getMessage(), e);
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new MalformedResultsException(source + ": unreadable CSV: " + e.getMessage(), e);
        }
        return results;
    }

    private static PointResult parse(CSVRecord row, int columns, boolean withGc) {
        if (!row.isConsistent()) {
            throw new IllegalArgumentException("expected " + columns + " cells, found " + row.size());
        }
        Point point = new Point(untext(row.get("workload")), untext(row.get("model")), Integer.parseInt(row.get("tasks")));
        RunParameters params = new RunParameters(Long.parseLong(row.get("sleep_ms")),
                Long.parseLong(row.get("spin_tokens")), Integer.parseInt(row.get("pool_size")),
                Integer.parseInt(row.get("workers")));
        PointStatus status;
        try {
            status = PointStatus.valueOf(row.get("status"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status '" + row.get("status") + "'");
        }
        return new PointResult(point, params, decimal(row.get("score")), decimal(row.get("error")),
                decimal(row.get("ci_low")), decimal(row.get("ci_high")), untext(row.get("unit")),
                Long.parseLong(row.get("samples")), status, untext(row.get("reason")), withGc
                        ? new GcFigures(decimal(row.get("alloc_bytes_per_task")), decimal(row.get("gc_ms_per_op")))
                        : GcFigures.NONE);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static double decimal(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    /**
     * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
     * apostrophe, as OWASP recommends for CSV injection; {@link #untext} takes it off again.
     * Every CSV threadmark writes (points, runtime, the nightly history) goes through this pair.
     */
    public static String text(String s) {
        return !s.isEmpty() && "=+-@\t\r'".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    public static String untext(String s) {
        return s.length() > 1 && s.charAt(0) == '\'' && "=+-@\t\r'".indexOf(s.charAt(1)) >= 0 ? s.substring(1) : s;
    }
}
