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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code report RUN_DIR... [-o FILE] [--threshold 0.5]} or {@code report --latest RESULTS_DIR}:
 * renders runs into one self-contained HTML page (inline SVG, inline CSS, no external asset) and
 * prints its path. One run's report goes to {@code RUN_DIR/report.html} by default.
 *
 * <p>Exit codes: 0 rendered, 2 bad input (the message names the file, the option and the fault).
 * The page is written to a temporary file and moved into place, so a failed render never replaces
 * a good one. The options are declared here once, for this class's {@code main} and for the
 * {@code threadmark report} subcommand alike.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Renders one run, or several side by side, into one self-contained HTML page and prints its path.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:rendered", "2:bad input (an existing report is kept)"})
public final class Report implements Callable<Integer> {
    public static final String FILE_NAME = "report.html";

    @Parameters(paramLabel = "RUN_DIR", arity = "0..*", description = "run directories (results/runs/<run>)")
    private List<Path> dirs = new ArrayList<>();

    @Option(names = "--latest", paramLabel = "RESULTS_DIR",
            description = "the newest run under RESULTS_DIR/runs, as if named")
    private List<Path> latest = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "where the page goes; default RUN_DIR/report.html for one run, ./report.html for several")
    private Path out;

    @Option(names = "--threshold", paramLabel = "EFFICIENCY", defaultValue = "" + CollapseDetector.DEFAULT_THRESHOLD,
            description = "scaling efficiency below which a count is bad, in (0, 1]; default ${DEFAULT-VALUE}")
    private double threshold;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Report()).execute(args));
    }

    @Override
    public Integer call() {
        try {
            System.out.println("report: " + render().toAbsolutePath().normalize());
            return 0;
        } catch (MalformedResultsException | IOException | UncheckedIOException e) {
            System.err.println("threadmark report: " + e.getMessage());
            return 2;
        }
    }

    /** Parses {@code args} as the command line does and renders; bad input throws. */
    public static Path run(String... args) throws IOException {
        Report report = new Report();
        new CommandLine(report).parseArgs(args);
        return report.render();
    }

    private Path render() throws IOException {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be in (0, 1], got " + threshold);
        }
        List<Path> all = new ArrayList<>(dirs);
        for (Path results : latest) {
            all.add(latest(results));
        }
        if (all.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no run directory given");
        }
        List<RunData> runs = new ArrayList<>();
        for (Path dir : all) {
            runs.add(RunReader.read(dir));
        }
        Path target = out != null ? out : all.size() == 1 ? all.getFirst().resolve(FILE_NAME) : Path.of(FILE_NAME);
        render(runs, new CollapseDetector(threshold), target);
        return target;
    }

    /** The newest run directory under {@code results/runs} (names start with a UTC timestamp). */
    public static Path latest(Path results) throws IOException {
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
