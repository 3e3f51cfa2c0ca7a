package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.MalformedResultsException;
import dev.threadmark.results.PointResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void rendersChartsCollapsesAndEveryPoint(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.writeRun(tmp.resolve("run1"), Fixtures.sweep());
        Path out = Report.run(run.toString());
        assertEquals(run.resolve("report.html"), out);
        String html = Files.readString(out);

        assertEquals(4, count(html, "<svg"), "time + efficiency chart for each of 2 workloads");
        assertEquals(count(html, "<svg"), count(html, "</svg>"));
        assertTrue(html.contains("platform holds up to 100 tasks and collapses at 10k"), "headline");
        // virtual at 10k: (10 + 0.4) ms / 22 ms = 47 % at worst, / 20 ms = 52 % at best: inconclusive, not a hold
        assertTrue(html.contains("virtual holds up to 100 tasks and collapses at 100k — efficiency 3 % (at best 4 %); "
                + "inconclusive at 10k (the interval straddles the threshold)"), "headline");
        assertTrue(html.contains(">CapacityExceededException: could not start task 32001<"), "failure reason");
        assertTrue(html.contains("1M") || html.contains("100k"), "task counts written short");
        // the scorecard: a row per workload, a cell per model, measured collapses told from holds
        assertTrue(html.contains("<table class=\"scorecard\">"), "scorecard");
        assertTrue(html.contains("<td class=\"verdict-collapsed\">collapses at 10k<br><span class=\"note\">held to 100; "
                + "start-up 500.0 µs</span>"), "platform/sleep cell");
        assertTrue(html.contains("<td class=\"verdict-holds\">holds to 1k"), "virtual/spin cell");
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "no external asset");
        // series in the legends, and the threshold line
        assertTrue(html.contains(">platform</text>") && html.contains(">virtual</text>"), "model series");
        assertTrue(html.contains(">ideal</text>"), "ideal line");
        assertTrue(html.contains("collapse threshold 50 %"), "threshold marker");
        // the table lists every point
        assertEquals(Fixtures.sweep().size(), count(html, "<tr class=\"point\">"));
        assertBalanced(html, "table");
        assertBalanced(html, "figure");
        assertBalanced(html, "details");
    }

    @Test
    void aCountWhoseIntervalStraddlesTheThresholdRendersAmberWithItsLegend(@TempDir Path tmp) throws Exception {
        // N = 10: (10 + 0.2) ms / 22 ms = 46 % at the pessimistic end, / 18 ms = 57 % at the optimistic end
        List<PointResult> points = List.of(Fixtures.ok("user", "sleep", 1, 10.2, 10.1, 10.3),
                Fixtures.ok("user", "sleep", 10, 20, 18, 22));
        String html = Files.readString(Report.run(Fixtures.writeRun(tmp.resolve("run1"), points).toString()));
        assertTrue(html.contains("<td class=\"verdict-inconclusive\">holds to 1<br><span class=\"note\">inconclusive "
                + "at 10; start-up 200.0 µs</span>"), "the user/sleep cell");
        assertFalse(html.contains("<td class=\"verdict-holds\">"), "no green cell");
        assertTrue(html.contains(".verdict-inconclusive { background: " + Palette.AMBER + "; }"), "amber");
        assertTrue(html.contains("Amber: not shown to hold everywhere"), "legend");
        assertTrue(html.contains("<td class=\"num\">none found</td><td class=\"num\">10</td>"),
                "collapse table: no bad count, inconclusive at 10");
    }

    @Test
    void blendsGetOneSectionAndBlockingSleepItsCarrierBound(@TempDir Path tmp) throws Exception {
        List<PointResult> points = new ArrayList<>(Fixtures.sweep());
        points.addAll(MixedAndBlockingSectionTest.blends());
        points.add(Fixtures.ok("virtual", "blocking-sleep", 10, 10.4, 10.3, 10.5));
        points.add(Fixtures.ok("user", "blocking-sleep", 10, 51, 50, 52));
        String html = Files.readString(Report.run(Fixtures.writeRun(tmp.resolve("run1"), points).toString()));

        assertEquals(4 + 1 + 2, count(html, "<svg"), "2 workloads x 2 charts, one speedup chart, blocking-sleep's 2");
        assertEquals(1, count(html, "<h2>Mixed work"), "the seven blends share one section");
        assertFalse(html.contains("<h2>mixed-"), "no section per blend");
        assertTrue(html.contains("falls below 50 % of the ideal speedup at 5 % CPU"), "model verdict");
        assertTrue(html.contains("<h2>Blocking calls: a plain Thread.sleep of 10 ms</h2>"), "blocking section");
        assertTrue(html.contains("With 10 tasks calling Thread.sleep directly"), "blocking sentence");
        assertTrue(html.contains("carriers⌉ sleeps (a blocked carrier per task)"), "held-carrier line in its chart");
        assertEquals(points.size(), count(html, "<tr class=\"point\">"), "every blend is in the table too");
    }

    @Test
    void rendersWhatAParkedTaskCostsOnceWithItsTable(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.writeRun(tmp.resolve("run1"), Fixtures.sweep());
        Fixtures.writeRuntime(run, Fixtures.footprint());
        String html = Files.readString(Report.run(run.toString(), "-o", tmp.resolve("a.html").toString()));
        assertTrue(html.contains("<h2>What a parked task costs</h2>"), "section");
        assertTrue(html.contains("platform threads run out at 100k."), "its sentence");
        assertEquals(1, count(html, ">goroutine, 2 KB</text>"), "one chart with the goroutine line, not two");
        assertEquals(5, count(html, "<svg"), "time + efficiency for 2 workloads, and the memory chart");
        assertEquals(6, count(html, "<tr class=\"memory\">"), "a table row per model and N");
        assertEquals(Fixtures.sweep().size() + Fixtures.footprint().size(), count(html, "<tr class=\"point\">"));
        assertBalanced(html, "table");
        assertArrayEquals(html.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Files.readAllBytes(Report.run(run.toString(), "-o", tmp.resolve("b.html").toString())));
    }

    @Test
    void identicalInputRendersIdenticalBytes(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.writeRun(tmp.resolve("run1"), Fixtures.sweep());
        byte[] first = Files.readAllBytes(Report.run(run.toString(), "-o", tmp.resolve("a.html").toString()));
        byte[] second = Files.readAllBytes(Report.run(run.toString(), "-o", tmp.resolve("b.html").toString()));
        assertArrayEquals(first, second);
    }

    @Test
    void namesAndReasonsFromFilesAreEscaped(@TempDir Path tmp) throws Exception {
        List<PointResult> points = new ArrayList<>(Fixtures.sweep());
        points.add(Fixtures.failed("<script>alert(1)</script>", "sleep", 10, "reason with <b>tags</b> & \"quotes\""));
        Path run = Fixtures.writeRun(tmp.resolve("run1"), points);
        String html = Files.readString(Report.run(run.toString()));
        assertFalse(html.contains("<script>"), "model name must not become markup");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("reason with &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;"));
    }

    @Test
    void badInputNamesTheFileAndNeverReplacesAGoodReport(@TempDir Path tmp) throws Exception {
        Path good = Fixtures.writeRun(tmp.resolve("good"), Fixtures.sweep());
        Path out = tmp.resolve("report.html");
        Report.run(good.toString(), "-o", out.toString());
        byte[] before = Files.readAllBytes(out);

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("points.csv"), "");
        Files.writeString(empty.resolve("run.properties"), "run.id=x\n");
        MalformedResultsException e = assertThrows(MalformedResultsException.class,
                () -> Report.run(empty.toString(), "-o", out.toString()));
        assertTrue(e.getMessage().endsWith("points.csv: empty"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(out), "a failed render left the old report alone");

        Path truncated = Fixtures.writeRun(tmp.resolve("truncated"), Fixtures.sweep());
        String csv = Files.readString(truncated.resolve("points.csv"));
        Files.writeString(truncated.resolve("points.csv"), csv.substring(0, csv.length() - 40));
        e = assertThrows(MalformedResultsException.class, () -> Report.run(truncated.toString()));
        assertTrue(e.getMessage().contains("points.csv line 11"), e.getMessage());

        Path nan = Fixtures.writeRun(tmp.resolve("nan"), Fixtures.sweep());
        Files.writeString(nan.resolve("points.csv"), Files.readString(nan.resolve("points.csv"))
                .replaceFirst("10\\.5000", "NaN"));
        e = assertThrows(MalformedResultsException.class, () -> Report.run(nan.toString()));
        assertTrue(e.getMessage().contains("status OK but score is NaN"), e.getMessage());

        Path noMeta = Fixtures.writeRun(tmp.resolve("nometa"), Fixtures.sweep());
        Files.delete(noMeta.resolve("run.properties"));
        e = assertThrows(MalformedResultsException.class, () -> Report.run(noMeta.toString()));
        assertTrue(e.getMessage().endsWith("run.properties: missing"), e.getMessage());

        Path disagree = Fixtures.writeRun(tmp.resolve("disagree"), Fixtures.sweep());
        Files.writeString(disagree.resolve("jmh.json"), Files.readString(disagree.resolve("jmh.json"))
                .replaceFirst("\"score\": 10.5,", "\"score\": 99.0,"));
        e = assertThrows(MalformedResultsException.class, () -> Report.run(disagree.toString()));
        assertTrue(e.getMessage().contains("disagree on platform/sleep tasks=1: score 10.5 vs 99.0"), e.getMessage());

        Files.writeString(noMeta.resolve("run.properties"), "machine.cores=two\nrun.id=x\nworkload.sleep.ms=10\n"
                + "workload.spin.target.ns=10000\n");
        e = assertThrows(MalformedResultsException.class, () -> Report.run(noMeta.toString()));
        assertTrue(e.getMessage().contains("run.properties: not a number"), e.getMessage());
    }

    @Test
    void latestPicksTheNewestRun(@TempDir Path tmp) throws Exception {
        Fixtures.writeRun(tmp.resolve("runs/20260101-000000-aaa"), Fixtures.sweep());
        Path newer = Fixtures.writeRun(tmp.resolve("runs/20260202-000000-bbb"), Fixtures.sweep());
        assertEquals(newer, Report.latest(tmp));
        assertThrows(MalformedResultsException.class, () -> Report.latest(tmp.resolve("nothing")));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void assertBalanced(String html, String tag) {
        assertEquals(count(html, "<" + tag), count(html, "</" + tag + ">"), tag + " opened and closed");
    }
}
