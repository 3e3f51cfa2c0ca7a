package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.report.RunReader;
import dev.threadmark.results.History;
import dev.threadmark.results.MalformedResultsException;
import dev.threadmark.results.RunMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** Nights end to end on run directories: the history grows, each night is judged against the trusted nights before. */
class NightlyTest {
    /** Night-to-night wander of the machine, ±2 %, the same every test. */
    static final double[] WANDER = {1.00, 1.02, 0.98, 1.01, 0.99, 1.015, 0.985, 1.005, 0.995, 1.0};

    private static Path night(Path results, int n, double slowerSleep, Map<String, String> meta) throws Exception {
        return night(results, n, slowerSleep, meta, false);
    }

    /** Night {@code n}; {@code withNewPoint}: also user/sleep/10000, a point added to the sweep later. */
    private static Path night(Path results, int n, double slowerSleep, Map<String, String> meta, boolean withNewPoint)
            throws Exception {
        double w = WANDER[(n - 1) % WANDER.length];
        List<Runs.Pt> pts = new ArrayList<>();
        String[][] points = {{"virtual", "sleep", "100", "11"}, {"user", "sleep", "100", "11.2"},
            {"virtual", "spin", "1000", "5.5"}, {"user", "spin", "1000", "5.2"}};
        for (String[] p : points) {
            double value = Double.parseDouble(p[3]) * w * (p[1].equals("sleep") ? slowerSleep : 1);
            pts.add(new Runs.Pt(p[0], p[1], Integer.parseInt(p[2]), Runs.forks(value, new double[] {0.998, 1.002}, 4),
                    50_000));
        }
        if (withNewPoint) {
            pts.add(new Runs.Pt("user", "sleep", 10_000, Runs.forks(30 * w, new double[] {0.998, 1.002}, 4), 9e6));
        }
        return Runs.write(results.resolve(String.format(Locale.ROOT, "runs/202601%02d-000000-n%02d", n, n)), pts, meta);
    }

    private static String summary(Path results, String... more) throws Exception {
        Path md = results.resolve("summary-" + System.nanoTime() + ".md");
        List<String> args = new ArrayList<>(List.of(results.toString(), "--summary", md.toString()));
        args.addAll(List.of(more));
        Nightly.run(args.toArray(String[]::new));
        return Files.readString(md);
    }

    @Test
    void theFirstNightHasNoBaselineTheSecondIsUntestableFromTheThirdOnNightsAreJudged(@TempDir Path results)
            throws Exception {
        night(results, 1, 1, Map.of());
        assertTrue(summary(results).contains("No baseline yet"));
        night(results, 2, 1, Map.of());
        String second = summary(results);
        assertTrue(second.contains("Only one earlier night") && second.contains("untestable"), second);
        for (int n = 3; n <= 6; n++) {
            night(results, n, 1, Map.of());
            assertEquals(0, Nightly.run(results.toString()), "night " + n);
        }
        night(results, 7, 1.3, Map.of());
        Path md = results.resolve("seventh.md");
        assertEquals(1, Nightly.run(results.toString(), "--summary", md.toString()));
        String seventh = Files.readString(md);
        assertTrue(seventh.contains("**Regression.**") && seventh.contains("| virtual/sleep/100 |")
                && seventh.contains("6 runs"), seventh);
        assertTrue(seventh.contains("Noise per point") && seventh.contains("night ±"), "variance components: " + seventh);
        assertEquals("REGRESSED", Runs.verdicts(results.resolve("history/history.csv"), "20260107-000000-n07")
                .get("virtual/sleep/100"), "the verdicts are recorded");
        String html = Files.readString(results.resolve("runs/20260107-000000-n07/report.html"));
        assertTrue(html.contains("History: 7 runs"), "the report shows the history");
    }

    @Test
    void aPersistingRegressionStaysFlaggedSinceItsFirstNightUntilAccepted(@TempDir Path results) throws Exception {
        for (int n = 1; n <= 5; n++) {
            night(results, n, 1, Map.of());
            Nightly.run(results.toString());
        }
        night(results, 6, 1.3, Map.of());
        assertEquals(1, Nightly.run(results.toString()));
        night(results, 7, 1.3, Map.of());
        String md = summary(results);
        assertTrue(md.contains("**regressed since 20260106-000000-n06**"), "not absorbed into its own baseline: " + md);

        assertEquals("n05", accepted(results), "the nightly A/B's baseline: the newest night the gate flagged nothing on");
        night(results, 8, 1.3, Map.of());
        assertTrue(summary(results, "--accept-from", "20260106-000000-n06").contains("No regression."),
                "accepted: the nights from n06 on are the baseline");
        assertEquals("n08", accepted(results));
        assertThrows(MalformedResultsException.class, () -> Nightly.run(results.toString(), "--accept-from", "nope"));
    }

    @Test
    void aPointAddedLaterGathersItsOwnNightsAndIsJudgedOnceItHasThem(@TempDir Path results) throws Exception {
        for (int n = 1; n <= 7; n++) {
            night(results, n, 1, Map.of(), n >= 4);
            Nightly.run(results.toString());
        }
        Map<String, String> v = Runs.verdicts(results.resolve("history/history.csv"), "20260104-000000-n04");
        assertEquals("NEW", v.get("user/sleep/10000"));
        assertEquals("SAME", Runs.verdicts(results.resolve("history/history.csv"), "20260107-000000-n07")
                .get("user/sleep/10000"), "its new nights stood in its baseline");
    }

    /** What {@code history accepted} prints. */
    private static String accepted(Path results) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, new picocli.CommandLine(new HistoryCommand()).execute("accepted", results.toString()));
        } finally {
            System.setOut(saved);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    @Test
    void anUntrustedNightIsRecordedNeitherJudgedNorPooled(@TempDir Path results) throws Exception {
        for (int n = 1; n <= 4; n++) {
            night(results, n, 1, Map.of());
            Nightly.run(results.toString());
        }
        night(results, 5, 1.5, Map.of(RunMetadata.OTHER_CPU, "0.47"));
        String busy = summary(results);
        assertTrue(busy.contains("**Not evidence: rerun.** other processes used 47 % of the machine's CPU"), busy);
        List<History.Row> rows = History.read(results.resolve("history/history.csv"));
        assertTrue(rows.stream().filter(r -> r.runId().endsWith("n05")).allMatch(r -> !r.trusted() && r.verdict().isEmpty()));
        night(results, 6, 1, Map.of());
        String next = summary(results);
        assertTrue(next.contains("No regression.") && next.contains("4 used"), "the busy night is not in the baseline: " + next);
    }

    @Test
    void onlyCompleteTrustedNightliesOfTheSameSettingsEnvironmentAndProcessorArePooled(@TempDir Path results)
            throws Exception {
        night(results, 1, 1, Map.of());
        Nightly.run(results.toString());
        Path hand = results.resolve("runs/20260101-120000-hand");
        Runs.write(hand, List.of(new Runs.Pt("virtual", "sleep", 100, Runs.forks(11, new double[] {1}, 4), 1)), Map.of());
        for (String[] odd : new String[][] {{"130000-ccc", "workload.sleep.ms", "13"},
            {"140000-ddd", "jdk.version", "26-ea"}, {"150000-eee", "run.status", "interrupted"},
            {"160000-fff", RunMetadata.CPU_MODEL, "Other CPU"}}) {
            Path run = night(results, 9, 1, Map.of(odd[1], odd[2]));
            Path renamed = results.resolve("runs/20260101-" + odd[0]);
            Files.move(run, renamed);
            History.append(results.resolve("history/history.csv"), NightRecord.rows(RunReader.read(renamed), Map.of(), ""));
        }
        Path tonight = night(results, 2, 1, Map.of());
        Set<String> nightlies = new HashSet<>(History.read(results.resolve("history/history.csv")).stream()
                .map(History.Row::runId).toList());
        assertEquals(List.of(results.resolve("runs/20260101-000000-n01")), Nightly.comparableRuns(results,
                RunReader.read(tonight), nightlies));
    }

    @Test
    void anInterruptedRunIsNoCandidateAndBadOptionsAreRefused(@TempDir Path results) throws Exception {
        night(results, 1, 1, Map.of());
        Nightly.run(results.toString());
        night(results, 2, 1, Map.of("run.status", "interrupted"));
        assertThrows(ParameterException.class, () -> Nightly.run(results.toString(), "--keep", "1"));
        MalformedResultsException e = assertThrows(MalformedResultsException.class, () -> Nightly.run(results.toString()));
        assertTrue(e.getMessage().contains("run.status=interrupted"), e.getMessage());
        assertEquals(4, History.read(results.resolve("history/history.csv")).size(), "and it is not in the history");
    }
}
