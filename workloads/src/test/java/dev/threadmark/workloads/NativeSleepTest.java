package dev.threadmark.workloads;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NativeSleepTest {

    /** It sleeps: the wall time passes, the thread's CPU time does not. */
    @Test
    void sleepsInTheKernelNotOnTheCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        NativeSleep.sleep(Duration.ofMillis(1)); // link the downcall first
        long cpu = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        NativeSleep.sleep(Duration.ofMillis(100));
        long wall = System.nanoTime() - start;
        long used = mx.getCurrentThreadCpuTime() - cpu;
        assertTrue(wall >= Duration.ofMillis(100).toNanos(), "woke early: " + wall + " ns");
        assertTrue(used < Duration.ofMillis(20).toNanos(), "burned " + used + " ns of CPU while sleeping");
    }

    /** No runtime unmounts a native frame: 4 native sleeps on 2 user-thread carriers take 2 sleeps, not 1. */
    @Test
    void aFiberInANativeSleepHoldsItsCarrier() throws Exception {
        Workload sleep = Workloads.create(NativeSleepWorkload.NAME, new WorkloadSettings(Duration.ofMillis(100), 1,
                WorkloadSettings.DEFAULT_SPIN));
        assertInstanceOf(NativeSleepWorkload.class, sleep);
        try (ThreadModel user = Models.create("user", ModelSettings.defaults().withWorkers(2))) {
            long start = System.nanoTime();
            user.run(4, sleep);
            long took = System.nanoTime() - start;
            assertTrue(took >= Duration.ofMillis(200).toNanos(), "4 native sleeps on 2 carriers in " + took + " ns");
        }
    }
}
