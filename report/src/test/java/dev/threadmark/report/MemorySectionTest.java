package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.PointResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemorySectionTest {
    private static RunData withRuntime(List<PointResult> runtime) {
        return new RunData("test-run", Fixtures.META, Fixtures.sweep(), runtime);
    }

    @Test
    void oneSentenceFromTheLargestMeasuredCountOfEachModel() {
        Map<String, Object> view = MemorySection.build(withRuntime(Fixtures.footprint()), "m");
        // platform at 10k (100k failed): 0 + 23 451.6 B; virtual at 100k: 631.1 + 19.3; user: 212.3 + 24.9
        assertEquals("A parked platform thread costs ~23 KB of memory, a virtual thread ~0.6 KB and a user thread"
                + " ~0.2 KB, against a goroutine's 2 KB; platform threads run out at 100k.", view.get("sentence"));
    }

    @Test
    void aModelThatOnlyFailedIsNamedOnlyForItsFailure() {
        List<PointResult> rows = Fixtures.footprint().stream()
                .filter(p -> !p.point().model().equals("platform") || !p.measured()).toList();
        assertEquals("A parked virtual thread costs ~0.6 KB of memory and a user thread ~0.2 KB, against a goroutine's"
                + " 2 KB; platform threads run out at 100k.", MemorySection.build(withRuntime(rows), "m").get("sentence"));
    }

    @Test
    void tableRowsPerModelAndCountWithTheFailureReason() {
        @SuppressWarnings("unchecked")
        List<Map<String, String>> rows = (List<Map<String, String>>) MemorySection.build(
                withRuntime(Fixtures.footprint()), "m").get("rows");
        assertEquals(6, rows.size(), "one row per model and N");
        assertEquals(List.of("platform", "platform", "platform", "virtual", "virtual", "user"),
                rows.stream().map(r -> r.get("model")).toList(), "palette order, then N");
        Map<String, String> p10k = rows.get(1);
        assertEquals(List.of("10k", "0", "23,452", "11 ×"),
                List.of(p10k.get("tasks"), p10k.get("heap"), p10k.get("rss"), p10k.get("goroutines")));
        Map<String, String> failed = rows.get(2);
        assertEquals(List.of("100k", "–", "–", "–"),
                List.of(failed.get("tasks"), failed.get("heap"), failed.get("rss"), failed.get("goroutines")));
        assertTrue(failed.get("note").startsWith("FAILED: CapacityExceededException: platform: could not start task"),
                failed.get("note"));
        assertEquals("0.32 ×", rows.get(4).get("goroutines"), "virtual at 100k: 650.4 B / 2048 B");
    }

    @Test
    void noFootprintRowsNoSection() {
        assertTrue(MemorySection.build(withRuntime(List.of()), "m").isEmpty());
        assertTrue(MemorySection.build(withRuntime(List.of(Fixtures.bytes("virtual", "noop", 1_000_000, 900))), "m")
                .isEmpty(), "other runtime rows are not memory");
    }

    @Test
    void chartHasTheGoroutineLineBothSeriesPerModelAndTheFailure() {
        RunData run = withRuntime(Fixtures.footprint());
        String svg = (String) MemorySection.build(run, "m").get("svg");
        assertTrue(svg.contains(">goroutine, 2 KB</text>"), "the reference line is labelled");
        for (String series : List.of("platform heap", "platform RSS", "virtual heap", "virtual RSS", "user heap", "user RSS")) {
            assertTrue(svg.contains(">" + series + "</text>"), series + " in the legend");
        }
        List<PointResult> noFailure = Fixtures.footprint().stream().filter(PointResult::measured).toList();
        assertNotEquals(svg, MemorySection.build(withRuntime(noFailure), "m").get("svg"), "the failure is drawn");
        assertEquals(svg, MemorySection.build(run, "m").get("svg"), "same data, same bytes");
    }

    @Test
    void kilobytesReadNaturally() {
        assertEquals("0.6 KB", MemorySection.kb(650.4));
        assertEquals("9.9 KB", MemorySection.kb(10_137));
        assertEquals("23 KB", MemorySection.kb(23_451.6));
    }
}
