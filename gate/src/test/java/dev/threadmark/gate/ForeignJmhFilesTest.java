package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.report.Fixtures;
import dev.threadmark.results.MalformedResultsException;
import dev.threadmark.results.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/**
 * {@code compare} of one file against one (the forks as the unit) on plain JMH files of shapes threadmark does not write: another project's
 * benchmarks, with and without params, thrpt/avgt/sample/ss, the same benchmark in two modes,
 * secondary metrics (one with JMH's old "·" prefix), "NaN" strings, sample mode's histograms.
 */
class ForeignJmhFilesTest {
    private static Path fixture(String name) throws Exception {
        return Path.of(ForeignJmhFilesTest.class.getResource("/fixtures/foreign/" + name).toURI());
    }

    private static Map<String, Verdict> verdicts(String baseline, String candidate) throws Exception {
        Map<String, Verdict> v = new LinkedHashMap<>();
        Judgement j = new Judgement(0.05, 0.10, 0.50);
        j.judge(RunsJudge.cases(RunsJudge.perPoint(List.of(JmhFile.measurements(fixture(baseline)))),
                JmhFile.measurements(fixture(candidate)), j, RunsJudge.OneRun.FORKS))
                .forEach(r -> v.put(r.name(), r.verdict()));
        return v;
    }

    @Test
    void namesEveryEntryByBenchmarkParamsAndModeWhereNeeded() throws Exception {
        assertEquals(List.of("ListBench.add size=10 impl=array", "ListBench.add size=1000 impl=array", "ParseBench.parse",
                "LatencyBench.roundTrip", "StartupBench.coldStart", "ModeBench.op [thrpt]", "ModeBench.op [avgt]",
                "Broken.nan"), List.copyOf(JmhFile.measurements(fixture("baseline.json")).keySet()));
    }

    @Test
    void eachModeIsJudgedInItsOwnDirection() throws Exception {
        Map<String, Verdict> v = verdicts("baseline.json", "candidate.json");
        assertEquals(Verdict.REGRESSED, v.get("ListBench.add size=10 impl=array"), "thrpt: 30 % fewer ops/s");
        assertEquals(Verdict.IMPROVED, v.get("ParseBench.parse"), "avgt: 30 % less time");
        assertEquals(Verdict.REGRESSED, v.get("LatencyBench.roundTrip"), "sample: 40 % more time");
        assertEquals(Verdict.STILL_NOT_MEASURED, v.get("Broken.nan"), "all \"NaN\": no samples");
        for (String same : List.of("ListBench.add size=1000 impl=array", "StartupBench.coldStart", "ModeBench.op [thrpt]",
                "ModeBench.op [avgt]")) {
            assertTrue(!v.get(same).regression() && v.get(same) != Verdict.IMPROVED, same + ": " + v.get(same));
        }
    }

    @Test
    void sampleModeIsReadFromItsHistogramForkByFork() throws Exception {
        Measurement s = JmhFile.measurements(fixture("baseline.json")).get("LatencyBench.roundTrip");
        assertEquals(5, s.forkMeans().length);
        assertTrue(s.lowerIsBetter());
        assertEquals(0.25, Allocation.median(s.forkMeans()), 0.25 * 0.02);
    }

    @Test
    void exitCodesAreThoseOfRunDirectories(@TempDir Path tmp) throws Exception {
        assertEquals(1, quietly("baseline.json", "candidate.json"));
        assertEquals(0, quietly("baseline.json", "rerun.json"));
        Path md = tmp.resolve("table.md");
        quietly("baseline.json", "candidate.json", "--markdown", md.toString());
        assertTrue(Files.readString(md).contains("| **regressed** |"), Files.readString(md));
        // bad input: main turns these into exit 2
        assertThrows(MalformedResultsException.class, () -> Compare.run(fixture("baseline.json").toString(),
                tmp.resolve("missing.json").toString()));
        Files.writeString(tmp.resolve("broken.json"), "[{\"benchmark\": \"x\", \"mode\": \"avgt\"}]");
        MalformedResultsException e = assertThrows(MalformedResultsException.class, () -> Compare.run(
                fixture("baseline.json").toString(), tmp.resolve("broken.json").toString()));
        assertTrue(e.getMessage().contains("broken.json: entry 1: missing primaryMetric"), e.getMessage());
        assertThrows(ParameterException.class, () -> Compare.run(fixture("baseline.json").toString(),
                tmp.toString()));
        assertThrows(ParameterException.class, () -> Compare.run(fixture("baseline.json").toString(),
                fixture("rerun.json").toString(), "--alpah", "0.1"));
    }

    @Test
    void runDirectoriesStillWorkAndAnInterruptedOneIsRefused(@TempDir Path tmp) throws Exception {
        Path before = Fixtures.writeRun(tmp.resolve("runs/a"), Fixtures.sweep());
        Path after = Fixtures.writeRun(tmp.resolve("runs/b"), Fixtures.sweep().stream().map(p -> !p.measured() ? p
                : Fixtures.ok(p.point().model(), p.point().workload(), p.point().tasks(), p.score() * 1.5,
                        p.ciLow() * 1.5, p.ciHigh() * 1.5)).toList());
        assertEquals(1, Compare.run(before.toString(), after.toString()));
        assertEquals(0, Compare.run(before.toString(), before.toString()));
        Files.writeString(after.resolve("run.properties"), Files.readString(after.resolve("run.properties"))
                + "run.status=interrupted\n");
        MalformedResultsException e = assertThrows(MalformedResultsException.class,
                () -> Compare.run(before.toString(), after.toString()));
        assertTrue(e.getMessage().contains("run.status=interrupted"), e.getMessage());
    }

    private static int quietly(String baseline, String candidate, String... more) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            String[] args = new String[2 + more.length];
            args[0] = fixture(baseline).toString();
            args[1] = fixture(candidate).toString();
            System.arraycopy(more, 0, args, 2, more.length);
            return Compare.run(args);
        } finally {
            System.setOut(out);
            System.out.print(buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
