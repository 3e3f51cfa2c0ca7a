package dev.threadmark.gate;

import dev.threadmark.report.RunData;
import dev.threadmark.results.History;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.Verdict;
import java.util.List;
import java.util.Map;

/** A run as the history records it: one row per sweep point, with the gate's verdict, bytes per operation and trust. */
final class NightRecord {
    private NightRecord() {}

    static List<History.Row> rows(RunData run, Map<String, Verdict> verdicts, String distrust) {
        Map<String, Measurement> measured = Measurement.of(run);
        return run.points().stream().map(p -> row(run, p, verdicts.get(p.point().name()), measured.get(p.point().name()),
                distrust)).toList();
    }

    private static History.Row row(RunData run, PointResult p, Verdict v, Measurement m, String distrust) {
        return new History.Row(run.id(), run.meta("run.started"), run.meta("git.sha"), run.meta("jdk.version"),
                run.meta("machine.host"), p.point().model(), p.point().workload(), p.point().tasks(),
                p.parameters().sleepMs(), p.parameters().spinTokens(), p.parameters().poolSize(), p.parameters().workers(),
                p.score(), p.error(), p.ciLow(), p.ciHigh(), p.unit(), p.status().name(), v == null ? "" : v.name(),
                m == null ? Double.NaN : m.allocPerOp(), distrust);
    }
}
