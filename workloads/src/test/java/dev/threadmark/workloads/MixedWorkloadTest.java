package dev.threadmark.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MixedWorkloadTest {
    /** 5 000 tokens per 10 µs: 2 ns a token. */
    private static final WorkloadSettings SETTINGS = new WorkloadSettings(Duration.ofMillis(10), 5_000,
            Duration.ofNanos(10_000));

    @Test
    void cpuPartIsScaledFromTheSpinCalibrationAndTheRestIsWaited() {
        MixedWorkload quarter = (MixedWorkload) Workloads.create("mixed-25", SETTINGS);
        assertEquals(1_250_000, quarter.cpuTokens(), "2.5 ms of CPU at 2 ns a token");
        assertEquals(Duration.ofNanos(7_500_000), quarter.waitPart());
        assertEquals("mixed-25", quarter.name());

        MixedWorkload none = (MixedWorkload) Workloads.create("mixed-0", SETTINGS);
        assertEquals(0, none.cpuTokens());
        assertEquals(Duration.ofMillis(10), none.waitPart(), "0 % is the sleep workload");

        MixedWorkload all = (MixedWorkload) Workloads.create("mixed-100", SETTINGS);
        assertEquals(5_000_000, all.cpuTokens());
        assertEquals(Duration.ZERO, all.waitPart(), "100 % is a spin of the same length");
    }

    @Test
    void everyShareIsAWorkloadAndMixedStandsForAllOfThem() {
        List<String> all = Workloads.expand("mixed");
        assertEquals(List.of("mixed-0", "mixed-1", "mixed-5", "mixed-10", "mixed-25", "mixed-50", "mixed-100"), all);
        assertTrue(Workloads.names().containsAll(all));
        assertEquals(List.of("sleep"), Workloads.expand("sleep"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.expand("mixed-33"));
        assertTrue(e.getMessage().contains("unknown workload 'mixed-33'") && e.getMessage().contains("mixed for every"),
                e.getMessage());
    }

    @Test
    void shareIsReadBackFromTheNameOnlyForMixedWorkloads() {
        assertEquals(OptionalInt.of(25), MixedWorkload.share("mixed-25"));
        assertEquals(OptionalInt.empty(), MixedWorkload.share("sleep"));
        assertEquals(OptionalInt.empty(), MixedWorkload.share("mixed-x"));
    }

    @Test
    void badSharesAndSettingsFailAtOnce() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MixedWorkload(Duration.ofMillis(1), 101, 0))
                .getMessage().contains("CPU share must be 0 … 100 %, got 101"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new WorkloadSettings(Duration.ofMillis(1), 1, Duration.ZERO)).getMessage()
                .contains("spin target must be positive"));
    }

    @Test
    void aBlendsWaitFreesTheUserCarrier() throws Exception {
        // A property, not a benchmark: 60 blends of 50 ms at 1 % CPU on 2 carriers. Were the wait
        // blocking, 30 waits would run one after another on each carrier (>= 1.48 s); through the
        // Pause facade they overlap into about one (~50 ms). The bound leaves a noisy machine 20x.
        try (ThreadModel model = Models.create("user", ModelSettings.defaults().withWorkers(2))) {
            AtomicInteger ran = new AtomicInteger();
            Workload blend = Workloads.create("mixed-1", new WorkloadSettings(Duration.ofMillis(50), 100,
                    Duration.ofNanos(10_000)));
            long start = System.nanoTime();
            model.run(60, () -> {
                blend.run();
                ran.incrementAndGet();
            });
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(60, ran.get());
            assertTrue(elapsedMs < 1_200, "60 x 50 ms blends on 2 carriers took " + elapsedMs + " ms");
        }
    }
}
