package dev.threadmark.harness;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.threadmark.results.FootprintRows;
import dev.threadmark.userthreads.Fiber;
import dev.threadmark.workloads.CapacityExceededException;
import dev.threadmark.workloads.ModelSettings;
import dev.threadmark.workloads.Models;
import dev.threadmark.workloads.ThreadModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one parked task costs: park N tasks of a model and divide what the process grew by N.
 * Run in a fresh JVM per model and count ({@code java FLAGS ... Footprint MODEL N}, with
 * {@link ForkJvm#flags()}) so that nothing else lives in it; prints {@code heap=… rss=…}, bytes per task.
 *
 * <p>Every model runs the same task, which parks (untimed) inside the model's own task wrapper, so
 * each figure includes the few frames a real task would have. Two numbers:
 * <ul>
 *   <li><b>heap</b>: growth of used heap after GC, the median of {@value #ROUNDS} rounds that follow
 *   the RSS round and, for virtual and user threads, warm-up rounds up to {@value #HEAP_WARM_UP_TASKS}
 *   parked tasks: a task parked while its code is still interpreted freezes bigger frames, so a cold
 *   round would measure the JIT, not the model (a platform thread's frames are not on the heap). A virtual thread's
 *   and a fiber's stack are heap objects (stack chunks) and count here; a platform thread's does not.
 *   <li><b>rss</b>: growth of the resident set ({@link ResidentMemory}) the first time N tasks are
 *   parked, after a warm-up of only {@value #WARM_UP_TASKS} tasks that loads the classes. First time,
 *   because memory freed by an earlier round stays resident and would be reused unseen (malloc'd JVM
 *   thread structures, glibc's cached thread stacks). The heap is fixed and pre-touched
 *   ({@link ForkJvm}), so it is wholly resident before the baseline and RSS growth is memory outside
 *   the heap: thread stacks and the JVM's and libc's per-thread structures. A task's total is heap + rss.
 * </ul>
 * Growth below zero is noise around a figure near zero and is reported as 0. Not counted anywhere:
 * what the kernel keeps per thread (its kernel stack, task struct), which is in no process's RSS.
 */
public final class Footprint {
    /** The workloads of its rows in {@code runtime.csv}, unit {@link #UNIT}. */
    public static final String HEAP_WORKLOAD = FootprintRows.HEAP_WORKLOAD;
    public static final String RSS_WORKLOAD = FootprintRows.RSS_WORKLOAD;
    public static final String UNIT = FootprintRows.UNIT;
    static final int WARM_UP_TASKS = 100;
    /** Tasks parked before the heap rounds: enough for C2 to compile the task's frames. */
    static final int HEAP_WARM_UP_TASKS = 20_000;
    static final int ROUNDS = 5;

    /** Bytes per parked task; the probe's one line of output, and its only parser. */
    record Measurement(double heapBytes, double rssBytes) {
        private static final Pattern LINE = Pattern.compile("heap=(-?\\d+\\.\\d+) rss=(-?\\d+\\.\\d+)");

        String line() {
            return String.format(Locale.ROOT, "heap=%.1f rss=%.1f", heapBytes, rssBytes);
        }

        static Measurement parse(String line) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("footprint probe printed '" + line.strip()
                        + "', expected 'heap=<bytes> rss=<bytes>'");
            }
            return new Measurement(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
        }
    }

    private Footprint() {}

    /** {@code Footprint MODEL TASKS}: see {@link FootprintCommand}. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new FootprintCommand()).execute(args));
    }

    static Measurement measure(String model, int tasks) throws Exception {
        try (ThreadModel threads = Models.create(model, ModelSettings.defaults())) {
            parkAll(threads, Math.min(tasks, WARM_UP_TASKS), null);
            double rss = parkAll(threads, tasks, () -> ResidentMemory.read().bytes());
            int warmUp = model.startsWith("platform") ? 0 : HEAP_WARM_UP_TASKS; // its frames are not on the heap
            for (int parkedSoFar = tasks; parkedSoFar < warmUp; parkedSoFar += tasks) {
                parkAll(threads, tasks, null);
            }
            double[] heap = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                heap[i] = parkAll(threads, tasks, () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            Arrays.sort(heap);
            // The median: one round can catch a GC or JIT transition. Below zero is noise around a
            // figure near zero (a platform thread's heap share), not memory the tasks gave back.
            return new Measurement(Math.max(0, heap[ROUNDS / 2]), Math.max(0, rss));
        }
    }

    static boolean heapPreTouched() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getInit() == heap.getMax() && ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("AlwaysPreTouch").getValue().equals("true");
    }

    /** Something that grows with parked tasks, in bytes. */
    private interface Gauge {
        long read() throws Exception;
    }

    /**
     * Parks {@code tasks} tasks, reads the gauge (if any) before and with all of them parked,
     * releases them, and returns the growth per task. A run the model refuses (the OS out of
     * threads) is rethrown after every started task has been released and joined.
     */
    private static double parkAll(ThreadModel threads, int tasks, Gauge gauge) throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch parked = new CountDownLatch(tasks);
        Object[] handles = new Object[tasks]; // allocated before the baseline: not counted
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long before = gauge == null ? 0 : settled(gauge);
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                threads.run(tasks, () -> parkUntil(release, handles, next, parked));
            } catch (Exception e) {
                failure.set(e);
                while (parked.getCount() > 0) { // the tasks that never started will not count down
                    parked.countDown();
                }
            }
        });
        parked.await();
        long after = gauge == null || failure.get() != null ? 0 : settled(gauge);
        release.set(true);
        for (Object h : handles) {
            if (h instanceof Fiber f) {
                f.unpark();
            } else if (h instanceof Thread t) {
                LockSupport.unpark(t);
            }
        }
        runner.join();
        if (failure.get() != null) {
            throw failure.get();
        }
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
            } else if (Thread.currentThread().isInterrupted()) {
                return; // the run failed and gives up on its tasks (see ThreadPerTask)
            } else {
                LockSupport.park();
            }
        }
    }

    private static long settled(Gauge gauge) throws Exception {
        for (int i = 0; i < 2; i++) { // the second GC collects what reference processing let go
            System.gc();
            Thread.sleep(20);
        }
        return gauge.read();
    }
}
