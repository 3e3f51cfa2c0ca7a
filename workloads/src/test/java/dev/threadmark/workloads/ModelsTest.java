package dev.threadmark.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelsTest {

    @Test
    void unknownModelNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.create("greenthreads", ModelSettings.defaults()));
        assertTrue(e.getMessage().contains("unknown threading model 'greenthreads'"), e.getMessage());
        assertTrue(e.getMessage().contains("virtual"), e.getMessage());
    }

    @Test
    void unknownWorkloadNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workloads.create("disk", settings(Duration.ofMillis(1), 1)));
        assertTrue(e.getMessage().contains("unknown workload 'disk'"), e.getMessage());
        assertTrue(e.getMessage().contains("sleep"), e.getMessage());
    }

    @Test
    void badSettingsFailAtOnce() {
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.defaults().withPoolSize(0));
        assertTrue(pool.getMessage().contains("pool size must be at least 1, got 0"), pool.getMessage());
        IllegalArgumentException sleep = assertThrows(IllegalArgumentException.class,
                () -> Workloads.create("sleep", settings(Duration.ofMillis(-1), 1)));
        assertTrue(sleep.getMessage().contains("sleep duration must not be negative"), sleep.getMessage());
        IllegalArgumentException spin = assertThrows(IllegalArgumentException.class,
                () -> Workloads.create("spin", settings(Duration.ZERO, -5)));
        assertTrue(spin.getMessage().contains("spin tokens must not be negative"), spin.getMessage());
    }

    @Test
    void virtualThreadsOverlapTheirSleeps() throws Exception {
        // A property, not a benchmark: 1 000 sleeps of 100 ms add up to 100 s, concurrently ~0.1 s.
        try (ThreadModel model = Models.create("virtual", ModelSettings.defaults())) {
            long start = System.nanoTime();
            model.run(1_000, new SleepWorkload(Duration.ofMillis(100)));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs < 10_000, "1000 x 100 ms took " + elapsedMs + " ms");
        }
    }

    @Test
    void blockingSleepHoldsAUserCarrierOnlyWithoutTheHandOff() throws Exception {
        // Properties, not benchmarks: 40 blocking 50 ms sleeps on 2 carriers need >= 20 sleeps
        // (1 s) when each holds its carrier; the hand-off (sysmon) and virtual threads overlap them.
        Workload blocking = Workloads.create("blocking-sleep", settings(Duration.ofMillis(50), 0));
        assertTrue(runMillis(Models.USER_NO_HANDOFF, 40, blocking) >= 950, "without the hand-off carriers are held");
        long user = runMillis("user", 40, blocking);
        assertTrue(user < 700, "the hand-off should overlap blocked carriers: " + user + " ms");
        long virtual = runMillis("virtual", 40, blocking);
        assertTrue(virtual < 700, "virtual threads should unmount in Thread.sleep: " + virtual + " ms");
    }

    static long runMillis(String model, int tasks, Workload work) throws InterruptedException {
        try (ThreadModel m = Models.create(model, ModelSettings.defaults().withWorkers(2))) {
            long start = System.nanoTime();
            m.run(tasks, work);
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    @Test
    void theCounterfactualRunsOnlyTheBlockingWorkloads() {
        assertEquals(List.of("platform", "platform-pool", "virtual", "user"), Models.defaults());
        assertTrue(Models.sweeps(Models.USER_NO_HANDOFF, "blocking-sleep"));
        assertTrue(Models.sweeps(Models.USER_NO_HANDOFF, "native-sleep"));
        assertFalse(Models.sweeps(Models.USER_NO_HANDOFF, "spin"));
        assertFalse(Models.sweeps(Models.USER_NO_HANDOFF, "socket"));
        assertTrue(Models.sweeps("user", "spin"));
    }

    @Test
    void threadRefusalIsCapacityNotCrash() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        ThreadPerTask model = new ThreadPerTask("platform", refusingAfter(5));
        CapacityExceededException e = assertThrows(CapacityExceededException.class,
                () -> model.run(10, ran::incrementAndGet));
        assertEquals(5, ran.get(), "the tasks that did start ran to completion first");
        assertTrue(e.getMessage().contains("could not start task 6 of 10: unable to create native thread"),
                e.getMessage());
    }

    @Test
    void threadRefusalInterruptsTasksThatWouldWaitForever() {
        // A task parked until released (the footprint probe's) must not hang a run that has failed.
        AtomicInteger interrupted = new AtomicInteger();
        ThreadPerTask model = new ThreadPerTask("platform", refusingAfter(3));
        assertThrows(CapacityExceededException.class, () -> model.run(10, () -> {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park();
            }
            interrupted.incrementAndGet();
        }));
        assertEquals(3, interrupted.get(), "every started task was interrupted and joined");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, unit = java.util.concurrent.TimeUnit.SECONDS)
    void aRunOnADeadSchedulerFailsInsteadOfWaitingForever() throws Exception {
        // A task that kills its worker (an Error escaping the fiber's frame is what the scheduler
        // treats as a dead worker): the run's other task would never finish.
        // The scheduler's own fault injection (WorkerDeathTest): a yield without a state escapes runFiber.
        java.lang.reflect.Field scopeField = dev.threadmark.userthreads.Fiber.class.getDeclaredField("SCOPE");
        scopeField.setAccessible(true);
        jdk.internal.vm.ContinuationScope scope = (jdk.internal.vm.ContinuationScope) scopeField.get(null);
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, x) -> {}); // the dying worker's rethrow, expected here
        try (ThreadModel user = Models.create("user", ModelSettings.defaults().withWorkers(1))) {
            java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> user.run(2, () -> {
                if (first.getAndSet(false)) {
                    jdk.internal.vm.Continuation.yield(scope);
                }
                dev.threadmark.userthreads.Fiber.park(); // never unparked: only the model's death can end this run
            }));
            // Either the run was waiting when the worker died, or its next spawn was already refused.
            assertTrue(e.getMessage().contains("the model broke") || e.getMessage().contains("the model rejected"),
                    e.getMessage());
        } catch (IllegalStateException closeFailure) {
            assertTrue(closeFailure.getMessage().startsWith("scheduler failed"), closeFailure.getMessage());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    /** Platform threads until the kernel refuses, as it does here past ~32k (pid_max). */
    private static ThreadFactory refusingAfter(int allowed) {
        AtomicInteger made = new AtomicInteger();
        return r -> {
            if (made.incrementAndGet() > allowed) {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
            return Thread.ofPlatform().unstarted(r);
        };
    }

    static WorkloadSettings settings(Duration sleep, long spinTokens) {
        return new WorkloadSettings(sleep, spinTokens, WorkloadSettings.DEFAULT_SPIN);
    }
}
