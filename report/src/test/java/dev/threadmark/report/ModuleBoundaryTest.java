package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The report and the gate read results on a machine that only has results: neither the harness
 * nor what it brings (JMH, the workloads, the scheduler) may be on their class path.
 */
class ModuleBoundaryTest {
    @Test
    void neitherHarnessNorJmhNorWorkloadsNorSchedulerIsOnTheClassPath() {
        for (String name : new String[] {"dev.threadmark.harness.Sweep", "org.openjdk.jmh.runner.Runner",
                "dev.threadmark.workloads.ThreadModel", "dev.threadmark.userthreads.Fiber"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
