package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.harness.PointResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
