package dev.threadmark.harness;

import dev.threadmark.userthreads.Fiber;
import dev.threadmark.workloads.ModelSettings;
import dev.threadmark.workloads.Models;
import dev.threadmark.workloads.ThreadModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Retained heap per parked task: park N tasks of a model, force GC, and divide the growth of
 * used heap by N. Run in a fresh JVM per model ({@code java ... Footprint MODEL N}) so that
 * nothing else lives on the heap; prints one number, bytes per task.
 *
 * <p>Method and limits: heap only. A platform thread's stack is native memory and is not counted
 * here, so its figure is a floor; a virtual thread's and a fiber's stacks are heap objects
 * (stack chunks) and are counted. Every model runs the same task, which parks (untimed) inside the model's own
 * task wrapper, so each figure includes the few frames a real task would have.
 */
public final class Footprint {
    private static final int ROUNDS = 5;

    private Footprint() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Footprint MODEL TASKS");
            System.exit(2);
        }
        String model = args[0];
        int tasks = Integer.parseInt(args[1]);
        System.out.println(String.format(Locale.ROOT, "%.1f", bytesPerParkedTask(model, tasks)));
    }

    static double bytesPerParkedTask(String model, int tasks) throws Exception {
        try (ThreadModel threads = Models.create(model, ModelSettings.defaults())) {
            // Warm-up round: a task parked while its code is still interpreted freezes bigger
            // frames than a compiled one, so the first, cold round would measure the JIT, not the model.
            parkAll(threads, Math.min(tasks, 20_000), null);
            double[] rounds = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                rounds[i] = parkAll(threads, tasks, ManagementFactory.getMemoryMXBean());
            }
            java.util.Arrays.sort(rounds);
            return rounds[ROUNDS / 2]; // the median: one round can catch a GC or JIT transition
        }
    }

    /** Parks {@code tasks} tasks, measures heap growth if asked, releases them. */
    private static double parkAll(ThreadModel threads, int tasks, MemoryMXBean memory) throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch parked = new CountDownLatch(tasks);
        Object[] handles = new Object[tasks]; // allocated before the baseline: not counted
        AtomicInteger next = new AtomicInteger();
        long before = memory == null ? 0 : usedAfterGc(memory);
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                threads.run(tasks, () -> parkUntil(release, handles, next, parked));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        parked.await();
        long after = memory == null ? 0 : usedAfterGc(memory);
        release.set(true);
        for (Object h : handles) {
            if (h instanceof Fiber f) {
                f.unpark();
            } else {
                LockSupport.unpark((Thread) h);
            }
        }
        runner.join();
        return (after - before) / (double) tasks;
    }

    /** Untimed park, so no model pays for a timer: a task waiting for a wake-up. */
    private static void parkUntil(AtomicBoolean release, Object[] handles, AtomicInteger next, CountDownLatch parked) {
        Fiber fiber = Fiber.current();
        handles[next.getAndIncrement()] = fiber != null ? fiber : Thread.currentThread();
        parked.countDown();
        while (!release.get()) {
            if (fiber != null) {
                Fiber.park();
            } else {
                LockSupport.park();
            }
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
