package dev.threadmark.results;

import static dev.threadmark.results.ResultsCsv.text;
import static dev.threadmark.results.ResultsCsv.untext;

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
 * {@code history/steps.csv}: the open steps the gate found in the history (change points that
 * persist to the newest night, toward worse), rewritten whole by each nightly through
 * {@link AtomicFiles}. The report draws them on the trend charts; it does not search for them.
 */
public final class StepsCsv {
    public static final String FILE_NAME = "steps.csv";
    static final String[] COLUMNS = {"point", "from_run", "from_sha", "to_run", "to_sha", "change", "p"};

    private StepsCsv() {}

    /**
     * One open step of one point.
     *
     * @param fromRun the last night before the step; {@code toRun} the first after it
     * @param change  the relative change of the segments' means toward worse (0.28 = 28 % worse)
     * @param p       the permutation test's p-value
     */
    public record Step(String point, String fromRun, String fromSha, String toRun, String toSha, double change, double p) {}

    public static void write(Path file, List<Step> steps) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.replace(file, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS)
                            .setRecordSeparator('\n').get())) {
                for (Step s : steps) {
                    out.printRecord(text(s.point()), text(s.fromRun()), text(s.fromSha()), text(s.toRun()),
                            text(s.toSha()), String.format(Locale.ROOT, "%.6g", s.change()),
                            String.format(Locale.ROOT, "%.6g", s.p()));
                }
            }
        });
    }

    /** The steps; none when the file does not exist (a history the gate has not searched yet). */
    public static List<Step> read(Path file) throws IOException {
        List<Step> steps = new ArrayList<>();
        if (!Files.exists(file)) {
            return steps;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in)
                        .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (!parser.getHeaderNames().equals(List.of(COLUMNS))) {
                throw new MalformedResultsException(file + ": not a threadmark steps file; header " + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                try {
                    steps.add(new Step(untext(r.get(0)), untext(r.get(1)), untext(r.get(2)), untext(r.get(3)),
                            untext(r.get(4)), Double.parseDouble(r.get(5)), Double.parseDouble(r.get(6))));
                } catch (RuntimeException e) {
                    throw new MalformedResultsException(file + " line " + (r.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new MalformedResultsException(file + ": unreadable CSV: " + e.getMessage(), e);
        }
        return steps;
    }
}
