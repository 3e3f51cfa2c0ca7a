package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class SweepOptionsTest {

    @Test
    void defaultsAreTheFullSweep() {
        SweepOptions o = SweepOptions.parse();
        assertEquals("full", o.profile().name());
        assertEquals(List.of(1, 10, 100, 1_000, 10_000, 100_000, 1_000_000), o.profile().taskCounts());
        assertTrue(o.profile().forks() >= 2, "the full sweep needs at least 2 forks");
        assertEquals(Duration.ofMillis(10), o.sleep());
    }

    @Test
    void quickProfileReachesOneHundredThousand() {
        SweepOptions o = SweepOptions.parse("--profile", "quick");
        assertEquals(100_000, o.profile().taskCounts().getLast());
    }

    @Test
    void countsAndModelsCanBeNarrowed() {
        SweepOptions o = SweepOptions.parse("--models", "virtual,platform", "--counts", "100,10", "--workloads", "spin");
        assertEquals(List.of("virtual", "platform"), o.models());
        assertEquals(List.of(10, 100), o.profile().taskCounts());
        assertEquals(List.of("spin"), o.workloads());
    }

    @Test
    void mixedBlendsRunAtTheirOwnTaskCount() {
        SweepOptions quick = SweepOptions.parse("--profile", "quick", "--workloads", "sleep,mixed");
        assertEquals(List.of("sleep", "mixed-0", "mixed-1", "mixed-5", "mixed-10", "mixed-25", "mixed-50", "mixed-100"),
                quick.workloads());
        assertEquals(List.of(100), quick.profile().taskCountsFor("mixed-25"));
        assertEquals(quick.profile().taskCounts(), quick.profile().taskCountsFor("sleep"));
        assertEquals(List.of(1_000), SweepOptions.parse().profile().taskCountsFor("mixed-0"));
        assertEquals(List.of(500), SweepOptions.parse("--mixed-tasks", "500").profile().taskCountsFor("mixed-100"));
        assertTrue(SweepOptions.parse().workloads().contains("mixed-50"), "the default sweep includes the blends");
    }

    @Test
    void forksOverrideTheProfile() {
        assertEquals(1, SweepOptions.parse("--profile", "quick").profile().forks());
        SweepOptions o = SweepOptions.parse("--profile", "quick", "--forks", "3");
        assertEquals(3, o.profile().forks());
        assertEquals("quick", o.profile().name(), "only the forks change");
        assertEquals(100_000, o.profile().taskCounts().getLast());
    }

    @Test
    void badInputSaysWhatToFix() {
        assertMessage("--mixed-tasks must be at least 1, got 0", "--mixed-tasks", "0");
        assertMessage("unknown threading model 'fibers'", "--models", "virtual,fibers");
        assertMessage("unknown workload 'io'", "--workloads", "io");
        assertMessage("--counts must be at least 1, got 0", "--counts", "1,0");
        assertMessage("--sleep-ms must not be negative, got -5", "--sleep-ms", "-5");
        assertMessage("--pool-size must be at least 1, got 0", "--pool-size", "0");
        assertMessage("unknown sweep profile 'fast'", "--profile", "fast");
        assertMessage("Invalid value for option '--counts' (N): 'ten' is not an int", "--counts", "ten");
        assertMessage("Unknown options: '--tasks', '5'", "--tasks", "5");
        assertMessage("Missing required parameter for option '--models'", "--models");
        assertMessage("--forks must be at least 1, got 0", "--forks", "0");
        assertMessage("--runtime takes yes or no, got 'maybe'", "--runtime", "maybe");
        assertMessage("--project nowhere/at/all is not a directory", "--project", "nowhere/at/all");
    }

    private static void assertMessage(String expected, String... args) {
        ParameterException e = assertThrows(ParameterException.class, () -> SweepOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
