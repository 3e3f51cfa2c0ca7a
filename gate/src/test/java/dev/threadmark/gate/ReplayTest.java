package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.History;
import dev.threadmark.results.RunMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history gate replayed over a synthetic history made to break the old rule: nights whose
 * machine-wide speed wanders by ±5 % (sd) while forks of one night differ by 0.5 %; a runner of
 * another processor model, 10 % slower, appearing for a while; a night on a busy machine; and
 * one point that becomes 30 % slower for good from night 16 on.
 *
 * <p>With forks as the unit (the old rule: tonight's 3 forks against the pooled forks of K nights)
 * the wander alone flags most nights: every slow night puts all three forks beyond all the
 * baseline's, and a machine-wide shift does it for every point at once. With nights as the unit
 * it flags nothing until the step, flags the step on its first night, and the change-point
 * search finds the step at its commit.
 */
class ReplayTest {
    static final List<String[]> POINTS = List.of(new String[] {"virtual", "sleep", "100"},
            new String[] {"virtual", "sleep", "10000"}, new String[] {"user", "sleep", "10000"},
            new String[] {"platform", "spin", "1000"}, new String[] {"user", "spin", "1000"},
            new String[] {"virtual", "spin", "100"});
    static final double[] BASE = {11, 25, 20, 6, 5.5, 0.8};
    static final int STEP_NIGHT = 16;
    static final int STEP_POINT = 2; // user/sleep/10000

    @Test
    @Timeout(120)
    void nightsAsTheUnitCryNoWolfAndFindTheStep(@TempDir Path results) throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        Path history = results.resolve("history/history.csv");
        List<Integer> forkClaims = new ArrayList<>();
        List<Integer> nightClaims = new ArrayList<>();
        for (int night = 1; night <= 22; night++) {
            String id = String.format(Locale.ROOT, "202601%02d-000000-sha%02d", night, night);
            double machine = Math.exp(0.05 * random.nextGaussian());
            boolean otherRunner = night >= 7 && night <= 9;
            boolean busy = night == 12;
            Map<String, String> meta = new java.util.HashMap<>();
            meta.put(RunMetadata.CPU_MODEL, otherRunner ? "Other CPU 9000" : "AMD EPYC 7763");
            if (busy) {
                meta.put(RunMetadata.OTHER_CPU, "0.45");
                machine *= 1.4; // what a busy machine does to the numbers
            }
            List<Runs.Pt> pts = new ArrayList<>();
            for (int i = 0; i < POINTS.size(); i++) {
                double value = BASE[i] * machine * (otherRunner ? 1.10 : 1) * Math.exp(0.01 * random.nextGaussian())
                        * (i == STEP_POINT && night >= STEP_NIGHT ? 1.30 : 1);
                double[] forkFactors = {1 + 0.005 * random.nextGaussian(), 1 + 0.005 * random.nextGaussian(),
                    1 + 0.005 * random.nextGaussian()};
                pts.add(new Runs.Pt(POINTS.get(i)[0], POINTS.get(i)[1], Integer.parseInt(POINTS.get(i)[2]),
                        Runs.forks(value, forkFactors, 4), 4096));
            }
            Runs.write(results.resolve("runs/" + id), pts, meta);
            int exit = Nightly.run(results.toString());
            Map<String, String> verdicts = Runs.verdicts(history, id);
            String stepPoint = String.join("/", POINTS.get(STEP_POINT));
            if (busy) {
                assertEquals(0, exit, "a busy night is not judged");
                assertTrue(verdicts.values().stream().allMatch(String::isEmpty), "no verdicts: " + verdicts);
                assertTrue(History.read(history).stream().filter(r -> r.runId().equals(id)).noneMatch(History.Row::trusted));
            } else if (night == STEP_NIGHT) {
                assertEquals(1, exit, "the step is flagged on its first night: " + verdicts);
                assertEquals("REGRESSED", verdicts.get(stepPoint), verdicts.toString());
                verdicts.forEach((p, v) -> assertTrue(p.equals(stepPoint) || !Verdicts.flagged(v), p + " " + v));
            } else if (night < STEP_NIGHT) {
                assertEquals(0, exit, "night " + night + " is unchanged code: " + verdicts);
                if (otherRunner) {
                    assertTrue(night > 7 || verdicts.values().stream().allMatch(String::isEmpty),
                            "the first night of a new runner class has no baseline: " + verdicts);
                }
            } else {
                verdicts.forEach((p, v) -> assertTrue(p.equals(stepPoint) || !Verdicts.flagged(v), p + " " + v));
            }
            if (night > 3 && night < STEP_NIGHT && !busy && !otherRunner) {
                forkClaims.add(PooledForks.flags(results, id));
                nightClaims.add((int) verdicts.values().stream().filter(v -> v.equals("SLOWER") || v.equals("REGRESSED"))
                        .count());
            }
        }
        int forks = forkClaims.stream().mapToInt(Integer::intValue).sum();
        int nights = nightClaims.stream().mapToInt(Integer::intValue).sum();
        assertTrue(forks >= 10 && nights <= forks / 5, "points called significantly worse on unchanged nights: forks as "
                + "the unit " + forkClaims + ", nights " + nightClaims);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, new picocli.CommandLine(new HistoryCommand()).execute("regressions", results.toString()));
        } finally {
            System.setOut(saved);
        }
        String listed = out.toString(StandardCharsets.UTF_8);
        assertTrue(listed.contains("user/sleep/10000: +2") && listed.contains("to 20260116-000000-sha16 (sha16)"),
                "the step is found at its commit: " + listed);
        assertEquals(1, listed.lines().count(), "and nothing else: " + listed);
        List<dev.threadmark.results.StepsCsv.Step> recorded = dev.threadmark.results.StepsCsv.read(
                results.resolve("history/steps.csv"));
        assertEquals(List.of("user/sleep/10000"), recorded.stream().map(dev.threadmark.results.StepsCsv.Step::point).toList(),
                "the nightly recorded it for the report");
        assertEquals("20260116-000000-sha16", recorded.getFirst().toRun());
    }
}
