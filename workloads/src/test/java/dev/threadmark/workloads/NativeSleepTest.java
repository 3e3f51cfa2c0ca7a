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
    void aFiberInANativeSleepHoldsItsCarrierUntilTheHandOff() throws Exception {
        Workload sleep = Workloads.create(NativeSleepWorkload.NAME, new WorkloadSettings(Duration.ofMillis(100), 1,
                WorkloadSettings.DEFAULT_SPIN));
        assertInstanceOf(NativeSleepWorkload.class, sleep);
        // 8 native sleeps of 100 ms on 2 carriers: 4 sleeps when each holds its carrier, about one
        // when the monitor hands the blocked carriers' work to spares (a property, generous bounds).
        assertTrue(ModelsTest.runMillis(Models.USER_NO_HANDOFF, 8, sleep) >= 400, "without the hand-off");
        long handedOff = ModelsTest.runMillis("user", 8, sleep);
        assertTrue(handedOff < 350, "8 native sleeps with the hand-off took " + handedOff + " ms");
    }
}
