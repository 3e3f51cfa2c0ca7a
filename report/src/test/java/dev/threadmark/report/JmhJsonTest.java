package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.MalformedResultsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against entries cut from a real quick sweep's jmh.json, plus secondary metrics and a foreign benchmark. */
class JmhJsonTest {
    private static Path fixture() throws Exception {
        return Path.of(JmhJsonTest.class.getResource("/fixtures/jmh-real.json").toURI());
    }

    @Test
    void readsRealEntries() throws Exception {
        List<JmhResult> all = JmhJson.read(fixture());
        assertEquals(5, all.size());
        JmhResult first = all.getFirst();
        assertEquals("dev.threadmark.harness.SweepBenchmark.fanOutAndJoin", first.benchmark());
        assertEquals("platform", first.param("model"));
        assertEquals("avgt", first.mode());
        assertEquals("ms/op", first.unit());
        assertEquals(5, first.iterations().size());
        assertEquals(1, first.forkMeans().length, "one fork: one sample");
        assertEquals(first.iterations().stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                first.score(), 1e-9);
        assertTrue(first.jvmArgs().contains("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"));
        // secondary metrics, with and without JMH's old "·" prefix, under one spelling
        assertEquals(123.5, first.secondary().get("gc.alloc.rate"));
        assertEquals(4.0, first.secondary().get("gc.count"));
        // JMH's string "NaN" and unknown fields
        assertTrue(Double.isNaN(all.get(4).score()));
        assertEquals("org.example.OtherProject.bench", all.get(3).benchmark());
    }

    @Test
    void badFilesNameTheFileAndTheFault(@TempDir Path tmp) throws Exception {
        String real = Files.readString(fixture());
        assertFault(tmp, "", "empty");
        assertFault(tmp, real.substring(0, real.length() / 2), "not valid JSON: line ");
        assertFault(tmp, "{\"benchmark\": 1}", "expected a JSON array");
        assertFault(tmp, "[{\"benchmark\": \"x\", \"mode\": \"avgt\"}]", "entry 1: missing primaryMetric");
        assertFault(tmp, "[{\"benchmark\": \"x\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": \"fast\","
                + " \"scoreUnit\": \"ms/op\"}}]", "entry 1: primaryMetric.score is not a number: fast");
        assertFault(tmp, "[1, 2] trailing", "not valid JSON: line 1");
        assertFault(tmp, "[" + "[".repeat(5000) + "]".repeat(5000) + "]", "not valid JSON"); // no stack overflow
        assertFault(tmp, "[{\"benchmark\": \"x\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": 01,"
                + " \"scoreUnit\": \"ms/op\"}}]", "not valid JSON"); // JSON has no leading zeros
    }

    private static void assertFault(Path tmp, String content, String expected) throws Exception {
        Path f = tmp.resolve("jmh.json");
        Files.writeString(f, content);
        MalformedResultsException e = assertThrows(MalformedResultsException.class, () -> JmhJson.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage() + " should contain " + expected);
    }
}
