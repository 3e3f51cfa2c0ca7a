package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.harness.PointResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nights end to end on run directories: history grows, the second night is compared with the first. */
class NightlyTest {
    @Test
    void firstNightHasNoBaselineSecondIsCompared(@TempDir Path results) throws Exception {
        Path first = Fixtures.writeRun(results.resolve("runs/20260101-000000-aaa"), Fixtures.sweep());
        Files.writeString(first.resolve("run.properties"), Files.readString(first.resolve("run.properties"))
                + "run.status=complete\n");
        Path summary = results.resolve("summary.md");
        assertEquals(0, Nightly.run(results.toString(), "--summary", summary.toString()));
        assertTrue(Files.readString(summary).contains("No baseline yet"));

        // Night two: the same numbers, except every sleep took 30 % longer.
        List<PointResult> slower = Fixtures.sweep().stream().map(p -> !p.measured() || !p.point().workload().equals("sleep")
                ? p : Fixtures.ok(p.point().model(), "sleep", p.point().tasks(), p.score() * 1.3, p.ciLow() * 1.3,
                        p.ciHigh() * 1.3)).toList();
        Fixtures.writeRun(results.resolve("runs/20260102-000000-bbb"), slower);
        assertEquals(1, Nightly.run(results.toString(), "--summary", summary.toString()));
        String md = Files.readString(summary);
        assertTrue(md.contains("**Regression.**") && md.contains("| virtual/sleep/100 |"), md);
        assertEquals(2 * Fixtures.sweep().size(), History.read(results.resolve("history/history.csv")).size());
        String html = Files.readString(results.resolve("runs/20260102-000000-bbb/report.html"));
        assertTrue(html.contains("History: 2 runs"), "the report shows the history");
        assertTrue(html.contains("regression: virtual at 10k tasks"), "and marks the regression");
    }

    @Test
    void onlyNightliesWithTheCandidatesSettingsArePooled(@TempDir Path results) throws Exception {
        complete(Fixtures.writeRun(results.resolve("runs/20260101-000000-aaa"), Fixtures.sweep()), "10");
        assertEquals(0, Nightly.run(results.toString()));
        // Beside the nightlies: a hand run of some experiment (same settings, not in the history),
        // then a nightly with 13 ms sleeps (in it, other settings). Neither may enter tonight's baseline.
        complete(Fixtures.writeRun(results.resolve("runs/20260101-120000-hand"), scaled(1.3)), "10");
        complete(Fixtures.writeRun(results.resolve("runs/20260101-130000-ccc"), scaled(1.3)), "13");
        History.append(results.resolve("history/history.csv"), RunReader.read(results.resolve("runs/20260101-130000-ccc")));
        Path tonight = complete(Fixtures.writeRun(results.resolve("runs/20260102-000000-bbb"), Fixtures.sweep()), "10");

        Set<String> nightlies = new HashSet<>(History.read(results.resolve("history/history.csv")).stream()
                .map(History.Row::runId).toList());
        assertEquals(List.of(results.resolve("runs/20260101-000000-aaa")), Nightly.baselineDirs(results, tonight,
                RunReader.read(tonight).metadata(), null, 5, nightlies));
        Path summary = results.resolve("summary.md");
        assertEquals(0, Nightly.run(results.toString(), "--summary", summary.toString()));
        assertTrue(Files.readString(summary).contains("Baseline: run 20260101-000000-aaa;"), Files.readString(summary));
        assertEquals("workload.sleep.ms 13 ≠ 10", Nightly.differingSettings(Map.of("workload.sleep.ms", "13"),
                Map.of("workload.sleep.ms", "10")));
    }

    private static List<PointResult> scaled(double factor) {
        return Fixtures.sweep().stream().map(p -> !p.measured() ? p : Fixtures.ok(p.point().model(), p.point().workload(),
                p.point().tasks(), p.score() * factor, p.ciLow() * factor, p.ciHigh() * factor)).toList();
    }

    /** Marks a crafted run complete, with its sleep length, as the sweep does when it finishes. */
    private static Path complete(Path run, String sleepMs) throws Exception {
        String props = Files.readString(run.resolve("run.properties")).replaceAll("workload.sleep.ms=\\d+\n", "");
        Files.writeString(run.resolve("run.properties"), props + "run.status=complete\nworkload.sleep.ms=" + sleepMs + "\n");
        return run;
    }
}
