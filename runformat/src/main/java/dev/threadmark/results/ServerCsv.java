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
 * {@code server.csv}: what the {@code socket} workload's reply server cost, one row per point it
 * served. A separate file beside {@code points.csv}, so runs without it (older runs, runs without
 * the socket workload) read as before.
 *
 * <p>{@code server_cpu_ms} is the server process's CPU time (user + system) from the moment it
 * listened until the point ended: accepting the connections, every warm-up and measured
 * operation, the closes. Per request it is that over {@code requests}; per operation, per
 * request times the point's task count (one request per task) — accept and close amortised in.
 */
public final class ServerCsv {
    public static final String FILE_NAME = "server.csv";
    static final String[] COLUMNS = {"model", "workload", "tasks", "server_cpu_ms", "requests",
        "server_cpu_us_per_request", "server_cpu_ms_per_op", "refusals"};
    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setHeader(COLUMNS).setRecordSeparator('\n').get();
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    /** One point's server figures. */
    public record Row(Point point, double cpuMs, long requests, String refusals) {
        public double cpuMicrosPerRequest() {
            return requests > 0 ? cpuMs * 1_000 / requests : Double.NaN;
        }

        public double cpuMsPerOperation() {
            return requests > 0 ? cpuMs / requests * point.tasks() : Double.NaN;
        }
    }

    private ServerCsv() {}

    public static void write(List<Row> rows, Writer out) throws IOException {
        try (CSVPrinter printer = new CSVPrinter(out, WRITE)) {
            for (Row r : rows) {
                printer.printRecord(ResultsCsv.text(r.point().model()), ResultsCsv.text(r.point().workload()),
                        r.point().tasks(), number(r.cpuMs()), r.requests(), number(r.cpuMicrosPerRequest()),
                        number(r.cpuMsPerOperation()), ResultsCsv.text(r.refusals()));
            }
        }
    }

    /** The rows of a run directory's {@code server.csv}; none when the run has no such file. */
    public static List<Row> read(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Reader in = Files.newBufferedReader(file)) {
            List<Row> rows = new ArrayList<>();
            try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(READ).get()) {
                if (!parser.getHeaderNames().equals(List.of(COLUMNS))) {
                    throw new MalformedResultsException(file + ": header is " + parser.getHeaderNames() + ", expected "
                            + List.of(COLUMNS));
                }
                for (CSVRecord r : parser) {
                    try {
                        rows.add(new Row(new Point(ResultsCsv.untext(r.get("workload")), ResultsCsv.untext(r.get("model")),
                                Integer.parseInt(r.get("tasks"))), Double.parseDouble(r.get("server_cpu_ms")),
                                Long.parseLong(r.get("requests")), ResultsCsv.untext(r.get("refusals"))));
                    } catch (RuntimeException e) {
                        throw new MalformedResultsException(file + " line " + (r.getRecordNumber() + 1) + ": "
                                + e.getMessage(), e);
                    }
                }
            }
            return rows;
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
