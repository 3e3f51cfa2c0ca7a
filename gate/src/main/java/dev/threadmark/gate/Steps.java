package dev.threadmark.gate;

import dev.threadmark.results.History;
import dev.threadmark.results.StepsCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Change points over the history ({@link ChangePoints}), per point, and which of them are
 * <em>open</em>: the last step of the series, toward worse, by at least the minimum effect. A
 * night is noise until a step persists; a step is a regression until a later step undoes it.
 *
 * <p>A point's series is its trusted, measured nights of the history, oldest first, on the log
 * scale, from the runs on the newest run's JDK (the nightly keeps one history per environment).
 */
final class Steps {
    private Steps() {}

    /** Fewest nights on either side of a step: one or two odd nights are not a step. */
    static final int MIN_SEGMENT = 3;
    static final int PERMUTATIONS = 199;
    static final double ALPHA = 0.05;

    /** The open steps over {@code past} plus the candidate's night (when given), by point. */
    static List<StepsCsv.Step> open(List<History.Row> past, double minEffect) {
        String jdk = past.isEmpty() ? "" : past.getLast().jdk();
        Map<String, List<History.Row>> series = new LinkedHashMap<>();
        past.stream().filter(History.Row::trusted).filter(r -> "OK".equals(r.status()) && r.score() > 0)
                .filter(r -> r.jdk().equals(jdk))
                .forEach(r -> series.computeIfAbsent(r.point(), k -> new ArrayList<>()).add(r));
        List<StepsCsv.Step> open = new ArrayList<>();
        for (Map.Entry<String, List<History.Row>> e : series.entrySet()) {
            List<History.Row> nights = e.getValue();
            double sign = Measurement.lowerIsBetter(nights.getFirst().unit()) ? 1 : -1;
            double[] x = nights.stream().mapToDouble(r -> sign * Math.log(r.score())).toArray();
            List<ChangePoints.Step> steps = ChangePoints.detect(x, ALPHA, PERMUTATIONS, MIN_SEGMENT,
                    e.getKey().hashCode());
            if (steps.isEmpty()) {
                continue;
            }
            ChangePoints.Step last = steps.getLast();
            double change = Math.expm1(last.after() - last.before());
            if (last.after() - last.before() >= Math.log1p(minEffect)) {
                History.Row from = nights.get(last.index() - 1);
                History.Row to = nights.get(last.index());
                open.add(new StepsCsv.Step(e.getKey(), from.runId(), from.gitSha(), to.runId(), to.gitSha(), change, last.p()));
            }
        }
        return open;
    }

    /**
     * Searches the history as it stands after tonight's append, records its open steps in
     * {@code steps.csv} beside it (the report draws them) and returns them as Markdown lines for
     * the nightly summary; empty if none.
     */
    static String record(Path history, double minEffect) throws java.io.IOException {
        List<StepsCsv.Step> open = open(History.read(history), minEffect);
        StepsCsv.write(history.resolveSibling(StepsCsv.FILE_NAME), open);
        return open.isEmpty() ? "" : "**Open steps** (change points that persist to tonight; "
                + "`threadmark history regressions` lists them):\n\n" + format(open, true);
    }

    static String format(List<StepsCsv.Step> open, boolean markdown) {
        StringBuilder b = new StringBuilder();
        for (StepsCsv.Step o : open) {
            String line = String.format(Locale.ROOT, "%s: %+.1f%% from %s (%s) to %s (%s), p %s", o.point(),
                    100 * o.change(), o.fromRun(), shortSha(o.fromSha()), o.toRun(), shortSha(o.toSha()),
                    Table.probability(o.p()));
            b.append(markdown ? "- " : "").append(line).append('\n');
        }
        return b.toString();
    }

    private static String shortSha(String sha) {
        return sha.length() > 10 ? sha.substring(0, 10) : sha;
    }
}
