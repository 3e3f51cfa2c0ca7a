package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.MalformedResultsException;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.RunMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** Nights end to end on run directories: history grows, each night is compared with the ones before. */
class NightlyTest {
    @Test
    void firstNightHasNoBaselineSecondIsCompared(@TempDir Path results) throws Exception {
        Path first = set(Fixtures.writeRun(results.resolve("runs/20260101-000000-aaa"), Fixtures.sweep()),
                "run.status", "complete");
        Path summary = results.resolve("summary.md");
        assertEquals(0, Nightly.run(results.toString(), "--summary", summary.toString()));
        assertTrue(Files.readString(summary).contains("No baseline yet"));

        // Night two: the same numbers, except every sleep took 30 % longer.
        Fixtures.writeRun(results.resolve("runs/20260102-000000-bbb"), slowerSleeps());
        assertEquals(1, Nightly.run(results.toString(), "--summary", summary.toString()));
        String md = Files.readString(summary);
        assertTrue(md.contains("**Regression.**") && md.contains("| virtual/sleep/100 |"), md);
        assertTrue(md.contains("| 4 | +30.0% |"), "four forks a side: " + md);
        List<History.Row> history = History.read(results.resolve("history/history.csv"));
        assertEquals(2 * Fixtures.sweep().size(), history.size());
        assertTrue(history.stream().anyMatch(r -> r.runId().endsWith("bbb") && r.verdict().equals("REGRESSED")),
                "the verdicts are recorded");
        String html = Files.readString(results.resolve("runs/20260102-000000-bbb/report.html"));
        assertTrue(html.contains("History: 2 runs"), "the report shows the history");
        assertTrue(html.contains("regression: virtual at 10k tasks"), "and marks the regression the gate flagged");
        assertTrue(first.toFile().isDirectory());
    }

    @Test
    void aPersistingRegressionIsStillReportedAfterItEntersTheBaseline(@TempDir Path results) throws Exception {
        Fixtures.writeRun(results.resolve("runs/20260101-000000-aaa"), Fixtures.sweep());
        assertEquals(0, Nightly.run(results.toString()));
        Fixtures.writeRun(results.resolve("runs/20260102-000000-bbb"), slowerSleeps());
        assertEquals(1, Nightly.run(results.toString()));
        // Night three is as slow as night two. Pooled with night two, it would look normal; night
        // two is left out of the baseline for the points it was flagged on.
        Fixtures.writeRun(results.resolve("runs/20260103-000000-ccc"), slowerSleeps());
        Path summary = results.resolve("summary.md");
        assertEquals(1, Nightly.run(results.toString(), "--summary", summary.toString()));
        String md = Files.readString(summary);
        assertTrue(md.contains("**regressed since 20260102-000000-bbb**"), md);
        assertTrue(md.contains("| virtual/spin/1000 |") && md.contains("/2 | "), "unflagged points pool both nights: " + md);
    }

    @Test
    void aRegressionIsAcceptedByPinningANightThatHasItUntilSuchNightsAreMostOfTheBaseline(@TempDir Path results)
            throws Exception {
        Fixtures.writeRun(results.resolve("runs/20260101-000000-aaa"), Fixtures.sweep());
        assertEquals(0, Nightly.run(results.toString(), "--keep", "3"));
        Fixtures.writeRun(results.resolve("runs/20260102-000000-bbb"), slowerSleeps());
        assertEquals(1, Nightly.run(results.toString(), "--keep", "3"));
        for (String night : List.of("20260103-000000-ccc", "20260104-000000-ddd")) { // K / 2 + 1 = 2 nights
            Fixtures.writeRun(results.resolve("runs/" + night), slowerSleeps());
            assertEquals(0, Nightly.run(results.toString(), "--keep", "3", "--baseline", "20260102-000000-bbb"));
        }
        Fixtures.writeRun(results.resolve("runs/20260105-000000-eee"), slowerSleeps());
        assertEquals(0, Nightly.run(results.toString(), "--keep", "3"), "the new level is the baseline now");
    }

    @Test
    void onlyCompleteNightliesWithTheCandidatesSettingsAndEnvironmentArePooled(@TempDir Path results) throws Exception {
        Fixtures.writeRun(results.resolve("runs/20260101-000000-aaa"), Fixtures.sweep());
        assertEquals(0, Nightly.run(results.toString()));
        // Beside the nightlies: a hand run of some experiment (same settings, not in the history),
        // and nightlies with 13 ms sleeps, on another JDK, and one interrupted. None may enter
        // tonight's baseline.
        Fixtures.writeRun(results.resolve("runs/20260101-120000-hand"), scaled(1.3));
        for (String[] odd : new String[][] {{"130000-ccc", "workload.sleep.ms", "13"},
            {"140000-ddd", "jdk.version", "26-ea"}, {"150000-eee", "run.status", "interrupted"}}) {
            Path run = set(Fixtures.writeRun(results.resolve("runs/20260101-" + odd[0]), scaled(1.3)), odd[1], odd[2]);
            History.append(results.resolve("history/history.csv"), RunReader.read(run));
        }
        Path tonight = Fixtures.writeRun(results.resolve("runs/20260102-000000-bbb"), Fixtures.sweep());

        Set<String> nightlies = new HashSet<>(History.read(results.resolve("history/history.csv")).stream()
                .map(History.Row::runId).toList());
        assertEquals(List.of(results.resolve("runs/20260101-000000-aaa")), Nightly.comparableRuns(results,
                RunReader.read(tonight), nightlies));
        Path summary = results.resolve("summary.md");
        assertEquals(0, Nightly.run(results.toString(), "--summary", summary.toString()));
        assertTrue(Files.readString(summary).contains("Baseline: run 20260101-000000-aaa;"), Files.readString(summary));
        assertEquals("workload.sleep.ms 13 ≠ 10, jdk.version 26-ea ≠ 25.0.3", Pooling.differences(
                Map.of("workload.sleep.ms", "13", "jdk.version", "26-ea"),
                Map.of("workload.sleep.ms", "10", "jdk.version", "25.0.3")));
        assertEquals("", Pooling.differences(Map.of("machine.os", "Linux 6.8.0-1 amd64"),
                Map.of("machine.os", "Linux 6.11.0-2 amd64")), "a kernel update is the same kind of machine");
    }

    @Test
    void aBusyMachineIsSaidInTheSummaryAndAQuietOneIsNot(@TempDir Path results) throws Exception {
        Fixtures.writeRun(results.resolve("runs/20260101-000000-aaa"), Fixtures.sweep());
        assertEquals(0, Nightly.run(results.toString()));
        set(Fixtures.writeRun(results.resolve("runs/20260102-000000-bbb"), Fixtures.sweep()), RunMetadata.OTHER_CPU, "0.470");
        Path busy = results.resolve("busy.md");
        assertEquals(0, Nightly.run(results.toString(), "--summary", busy.toString()));
        assertTrue(Files.readString(busy).contains("**The machine was busy:** other processes used 47 % of the machine's CPU"),
                Files.readString(busy));
        assertTrue(Files.readString(results.resolve("runs/20260102-000000-bbb/report.html")).contains(
                "The machine was busy:</strong> other processes used 47 %"), "the report says it too");
        set(Fixtures.writeRun(results.resolve("runs/20260103-000000-ccc"), Fixtures.sweep()), RunMetadata.OTHER_CPU, "0.020");
        Path quiet = results.resolve("quiet.md");
        assertEquals(0, Nightly.run(results.toString(), "--summary", quiet.toString()));
        assertFalse(Files.readString(quiet).contains("busy"), Files.readString(quiet));
        set(Fixtures.writeRun(results.resolve("runs/20260104-000000-ddd"), Fixtures.sweep()), RunMetadata.OTHER_CPU, "lots");
        MalformedResultsException e = assertThrows(MalformedResultsException.class, () -> Nightly.run(results.toString()));
        assertTrue(e.getMessage().contains("run.properties: machine.other_cpu must be a share from 0 to 1, got 'lots'"),
                e.getMessage());
    }

    @Test
    void anInterruptedRunIsNoCandidate(@TempDir Path results) throws Exception {
        Fixtures.writeRun(results.resolve("runs/20260101-000000-aaa"), Fixtures.sweep());
        assertEquals(0, Nightly.run(results.toString()));
        set(Fixtures.writeRun(results.resolve("runs/20260102-000000-bbb"), Fixtures.sweep()), "run.status", "interrupted");
        assertThrows(ParameterException.class, () -> Nightly.run(results.toString(), "--keep", "0"),
                "no baseline is not a gate");
        assertThrows(ParameterException.class, () -> Nightly.run(results.toString(), "--kep", "3"));
        MalformedResultsException e = assertThrows(MalformedResultsException.class, () -> Nightly.run(results.toString()));
        assertTrue(e.getMessage().contains("run.status=interrupted"), e.getMessage());
        assertEquals(Fixtures.sweep().size(), History.read(results.resolve("history/history.csv")).size(),
                "and it is not added to the history");
    }

    private static List<PointResult> slowerSleeps() {
        return Fixtures.sweep().stream().map(p -> !p.measured() || !p.point().workload().equals("sleep") ? p
                : Fixtures.ok(p.point().model(), "sleep", p.point().tasks(), p.score() * 1.3, p.ciLow() * 1.3,
                        p.ciHigh() * 1.3)).toList();
    }

    private static List<PointResult> scaled(double factor) {
        return Fixtures.sweep().stream().map(p -> !p.measured() ? p : Fixtures.ok(p.point().model(), p.point().workload(),
                p.point().tasks(), p.score() * factor, p.ciLow() * factor, p.ciHigh() * factor)).toList();
    }

    /** Sets one key of a crafted run's run.properties. */
    private static Path set(Path run, String key, String value) throws Exception {
        String props = Files.readString(run.resolve("run.properties")).replaceAll("(?m)^" + key.replace(".", "\\.")
                + "=.*\n", "");
        Files.writeString(run.resolve("run.properties"), props + key + "=" + value + "\n");
        return run;
    }
}
