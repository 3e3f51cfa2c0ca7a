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
 *
 * <p>Columns: the eight of the first format ({@link #COLUMNS_V1}), then the blocking hand-off's
 * six ({@code spares_cap} … {@code blocking_calls}, issue 13). Files of the first format, written
 * before the hand-off existed, still read: their spare counts are zero.
 */
public final class SchedulerCountersFile {
    public static final String DIRECTORY = "counters";
    static final String[] COLUMNS_V1 = {"workers", "spawned", "completed", "steals", "parks", "timer_fires",
        "global_takes", "uncaught"};
    static final String[] COLUMNS = {"workers", "spawned", "completed", "steals", "parks", "timer_fires",
        "global_takes", "uncaught", "spares_cap", "spares_started", "spares_retired", "spares_peak", "handoffs",
        "blocking_calls"};

    private SchedulerCountersFile() {}

    public static void append(Path file, SchedulerCountersRow c) throws IOException {
        boolean fresh = !Files.exists(file);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
                CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            if (fresh) {
                out.printRecord((Object[]) COLUMNS);
            }
            SchedulerCountersRow.Spares sp = c.spares();
            out.printRecord(c.workers(), c.spawned(), c.completed(), c.steals(), c.parks(), c.timerFires(),
                    c.globalTakes(), c.uncaught(), sp.cap(), sp.started(), sp.retired(), sp.peak(), sp.handoffs(),
                    sp.blockingCalls());
        }
    }

    public static List<SchedulerCountersRow> read(Path file) throws IOException {
        List<SchedulerCountersRow> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in)
                        .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            boolean v1 = parser.getHeaderNames().equals(List.of(COLUMNS_V1));
            if (!v1 && !parser.getHeaderNames().equals(List.of(COLUMNS))) {
                throw new MalformedResultsException(file + ": not a scheduler counters CSV");
            }
            for (CSVRecord r : parser) {
                try {
                    SchedulerCountersRow.Spares spares = v1 ? SchedulerCountersRow.Spares.NONE
                            : new SchedulerCountersRow.Spares(Integer.parseInt(r.get(8)), Long.parseLong(r.get(9)),
                                    Long.parseLong(r.get(10)), Integer.parseInt(r.get(11)), Long.parseLong(r.get(12)),
                                    Long.parseLong(r.get(13)));
                    rows.add(new SchedulerCountersRow(Integer.parseInt(r.get(0)), Long.parseLong(r.get(1)),
                            Long.parseLong(r.get(2)), Long.parseLong(r.get(3)), Long.parseLong(r.get(4)),
                            Long.parseLong(r.get(5)), Long.parseLong(r.get(6)), Long.parseLong(r.get(7)), spares));
                } catch (RuntimeException e) {
                    throw new MalformedResultsException(file + " line " + (r.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }
}
