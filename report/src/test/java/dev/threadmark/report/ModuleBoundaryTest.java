package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The report reads results on a machine that only has results: neither the harness nor what it
 * brings (JMH, the workloads, the scheduler) may be on its class path. Nor the gate: the report
 * draws what the gate recorded and never judges across runs itself.
 */
class ModuleBoundaryTest {
    @Test
    void neitherHarnessNorJmhNorWorkloadsNorSchedulerNorGateIsOnTheClassPath() {
        for (String name : new String[] {"dev.threadmark.harness.Sweep", "org.openjdk.jmh.runner.Runner",
                "dev.threadmark.workloads.ThreadModel", "dev.threadmark.userthreads.Fiber", "dev.threadmark.gate.Judgement"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
