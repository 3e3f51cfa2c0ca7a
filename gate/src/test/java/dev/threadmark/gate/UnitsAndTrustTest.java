package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.RunMetadata;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitsAndTrustTest {
    @Test
    void timeUnitsConvertWithinTheirKindOnly() {
        assertEquals(1000, Units.factor("ms/op", "us/op").orElseThrow(), 1e-9);
        assertEquals(1e-3, Units.factor("ops/s", "ops/ms").orElseThrow(), 1e-12);
        assertEquals(60, Units.factor("ops/s", "ops/min").orElseThrow(), 1e-9);
        assertEquals(Optional.empty(), Units.factor("ms/op", "ops/ms"), "time and throughput never compare");
        assertEquals(Optional.empty(), Units.factor("B/op", "ms/op"));
        assertEquals(1, Units.factor("B/op", "B/op").orElseThrow());
    }

    @Test
    void aBusyMachineOrForksWithoutTheirCoresAreNotEvidence() {
        assertEquals(Optional.empty(), Trust.distrust(Map.of()), "a run that recorded neither sign is trusted");
        assertEquals(Optional.empty(), Trust.distrust(Map.of(RunMetadata.OTHER_CPU, "0.02",
                RunMetadata.SPIN_CPU_NS, "10301", RunMetadata.SPIN_WALL_NS, "10452")), "this machine, idle");
        assertTrue(Trust.distrust(Map.of(RunMetadata.OTHER_CPU, "0.53")).orElseThrow()
                .contains("other processes used 53 % of the machine's CPU"));
        assertTrue(Trust.distrust(Map.of(RunMetadata.SPIN_CPU_NS, "10756", RunMetadata.SPIN_WALL_NS, "21725"))
                .orElseThrow().contains("took 2.02× their CPU time in wall time"), "this machine beside a build");
        org.junit.jupiter.api.Assertions.assertThrows(dev.threadmark.results.MalformedResultsException.class,
                () -> Trust.distrust(Map.of(RunMetadata.SPIN_WALL_NS, "fast", RunMetadata.SPIN_CPU_NS, "1")));
    }

    @Test
    void theProcessorModelIsAPoolingKey() {
        assertEquals("machine.cpu_model AMD EPYC 7763 ≠ Intel Xeon 8370C", Pooling.differences(
                Map.of(RunMetadata.CPU_MODEL, "AMD EPYC 7763"), Map.of(RunMetadata.CPU_MODEL, "Intel Xeon 8370C")));
        assertEquals("", Pooling.differences(Map.of("machine.os", "Linux 6.8.0-1 amd64"),
                Map.of("machine.os", "Linux 6.11.0-2 amd64")), "a kernel update is the same kind of machine");
    }
}
