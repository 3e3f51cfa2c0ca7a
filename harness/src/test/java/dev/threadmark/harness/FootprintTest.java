package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FootprintTest {

    @Test
    void theProbesLineRoundTrips() {
        Footprint.Measurement m = new Footprint.Measurement(612.34, 23451.6);
        assertEquals("heap=612.3 rss=23451.6", m.line());
        assertEquals(new Footprint.Measurement(612.3, 23451.6), Footprint.Measurement.parse(m.line() + "\n"));
    }

    @Test
    void anythingElseTheProbePrintsIsAnError() {
        for (String bad : new String[] {"612.3", "heap=612.3", "rss=1.0 heap=2.0", "heap=1,0 rss=2.0",
            "dev.threadmark.workloads.CapacityExceededException: platform: could not start task 32384"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Footprint.Measurement.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("heap=<bytes> rss=<bytes>"),
                    e.getMessage());
        }
    }

    @Test
    void quickRunsParkOnlyAFewPlatformThreads() {
        assertEquals(List.of(1_000), RuntimeStage.footprintCounts("platform", SweepProfile.QUICK));
        assertEquals(List.of(1_000, 10_000, 100_000), RuntimeStage.footprintCounts("platform", SweepProfile.FULL));
        assertEquals(List.of(1_000, 10_000, 100_000), RuntimeStage.footprintCounts("virtual", SweepProfile.QUICK));
    }
}
