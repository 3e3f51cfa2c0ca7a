package dev.threadmark.results;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The user scheduler's counters of one point, {@code counters/<model>-<workload>-<tasks>.csv} in
 * the run directory: each fork appends one row per trial when it tears the scheduler down.
 */
public final class SchedulerCountersFile {
    public static final String DIRECTORY = "counters";
    static final String[] COLUMNS = {"workers", "spawned", "completed", "steals", "parks", "timer_fires",
        "global_takes", "uncaught"};

    private SchedulerCountersFile() {}

    public static void append(Path file, SchedulerCountersRow c) throws IOException {
        boolean fresh = !Files.exists(file);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
                CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            if (fresh) {
                out.printRecord((Object[]) COLUMNS);
            }
            out.printRecord(c.workers(), c.spawned(), c.completed(), c.steals(), c.parks(), c.timerFires(),
                    c.globalTakes(), c.uncaught());
        }
    }

    public static List<SchedulerCountersRow> read(Path file) throws IOException {
        List<SchedulerCountersRow> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in)
                        .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (!parser.getHeaderNames().equals(List.of(COLUMNS))) {
                throw new MalformedResultsException(file + ": not a scheduler counters CSV");
            }
            for (CSVRecord r : parser) {
                try {
                    rows.add(new SchedulerCountersRow(Integer.parseInt(r.get(0)), Long.parseLong(r.get(1)),
                            Long.parseLong(r.get(2)), Long.parseLong(r.get(3)), Long.parseLong(r.get(4)),
                            Long.parseLong(r.get(5)), Long.parseLong(r.get(6)), Long.parseLong(r.get(7))));
                } catch (RuntimeException e) {
                    throw new MalformedResultsException(file + " line " + (r.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }
}
