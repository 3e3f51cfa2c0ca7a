package dev.threadmark.report;

import dev.threadmark.results.AtomicFiles;
import dev.threadmark.results.MalformedResultsException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code Report RUN_DIR... [-o FILE] [--threshold 0.5]} or {@code Report --latest RESULTS_DIR}:
 * renders runs into one self-contained HTML page (inline SVG, inline CSS, no external asset) and
 * prints its path. One run's report goes to {@code RUN_DIR/report.html} by default.
 *
 * <p>Exit codes: 0 rendered, 2 bad input (the message names the file and the fault). The page is
 * written to a temporary file and moved into place, so a failed render never replaces a good one.
 */
public final class Report {
    public static final String FILE_NAME = "report.html";

    private Report() {}

    public static void main(String[] args) {
        try {
            System.out.println("report: " + run(args).toAbsolutePath().normalize());
        } catch (MalformedResultsException | IllegalArgumentException e) {
            System.err.println("threadmark report: " + e.getMessage());
            System.err.println("usage: Report RUN_DIR... [-o FILE] [--threshold 0.5] | Report --latest RESULTS_DIR");
            System.exit(2);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("threadmark report: " + e);
            System.exit(2);
        }
    }

    static Path run(String... args) throws IOException {
        List<Path> dirs = new ArrayList<>();
        Path out = null;
        double threshold = CollapseDetector.DEFAULT_THRESHOLD;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-o" -> out = Path.of(Args.value(args, ++i, "-o"));
                case "--threshold" -> threshold = Args.number(args, ++i, "--threshold");
                case "--latest" -> dirs.add(latest(Path.of(Args.value(args, ++i, "--latest"))));
                default -> dirs.add(Path.of(args[i]));
            }
        }
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("no run directory given");
        }
        List<RunData> runs = new ArrayList<>();
        for (Path dir : dirs) {
            runs.add(RunReader.read(dir));
        }
        if (out == null) {
            out = dirs.size() == 1 ? dirs.getFirst().resolve(FILE_NAME) : Path.of(FILE_NAME);
        }
        render(runs, new CollapseDetector(threshold), out);
        return out;
    }

    /** The newest run directory under {@code results/runs} (names start with a UTC timestamp). */
    static Path latest(Path results) throws IOException {
        Path runs = results.resolve("runs");
        if (!Files.isDirectory(runs)) {
            throw new MalformedResultsException(runs + ": no runs yet; run mvn verify -Pbench first");
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("points.csv")))
                    .max(Comparator.comparing(d -> d.getFileName().toString()))
                    .orElseThrow(() -> new MalformedResultsException(runs + ": no run with points.csv"));
        }
    }

    static void render(List<RunData> runs, CollapseDetector detector, Path out) throws IOException {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(Report.class, "templates");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setFallbackOnNullLoopVariable(false);
        Template template = cfg.getTemplate("report.ftlh"); // .ftlh: HTML auto-escaping
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Map<String, Object> model = ReportModel.build(runs, detector);
        AtomicFiles.replace(target, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                template.process(model, w);
            } catch (TemplateException e) {
                throw new IOException("template failed: " + e.getMessage(), e);
            }
        });
    }
}
