package dev.threadmark.userthreads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: prints how long N fibers each calling a plain {@code Thread.sleep(10 ms)} take on
 * 2 workers, with and without the hand-off, for a quick look while working on the monitor. The
 * sweep measures this properly ({@code blocking-sleep}); performance never goes into unit tests.
 * Run: {@code java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED -cp target/classes:target/test-classes dev.threadmark.userthreads.HandOffTimings [N] [maxSpares...]}
 */
public final class HandOffTimings {
    private static final boolean NATIVE = Boolean.getBoolean("native");
    /** -Dcpu=US: each fiber spins US µs of CPU instead (then Fiber.sleep -Dwait=US µs): is anything handed off? */
    private static final long CPU_MICROS = Long.getLong("cpu", 0);
    private static final long WAIT_MICROS = Long.getLong("wait", 0);
    private static final java.lang.invoke.MethodHandle USLEEP = java.lang.foreign.Linker.nativeLinker().downcallHandle(
            java.lang.foreign.Linker.nativeLinker().defaultLookup().find("usleep").orElseThrow(),
            java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.JAVA_INT));

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int[] caps = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {Sysmon.DEFAULT_MAX_SPARES};
        for (int cap : caps) {
            try (Scheduler s = closing(new Scheduler(2, cap))) {
                for (int rep = 0; rep < 8; rep++) {
                    CountDownLatch done = new CountDownLatch(n);
                    long start = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        s.spawn(() -> {
                            try {
                                if (CPU_MICROS > 0) {
                                    long end = System.nanoTime() + CPU_MICROS * 1000L;
                                    while (System.nanoTime() < end) {
                                        Thread.onSpinWait();
                                    }
                                    if (WAIT_MICROS > 0) {
                                        Fiber.sleep(java.time.Duration.ofNanos(WAIT_MICROS * 1000L));
                                    }
                                } else if (NATIVE) {
                                    int rc = (int) USLEEP.invokeExact(10_000);
                                } else {
                                    Thread.sleep(10);
                                }
                            } catch (Throwable e) {
                                throw new AssertionError(e);
                            }
                            done.countDown();
                        });
                    }
                    done.await(60, TimeUnit.SECONDS);
                    System.out.printf("cap %d, %d x " + (CPU_MICROS > 0 ? "spin " + CPU_MICROS + " us + Fiber.sleep " + WAIT_MICROS + " us" : NATIVE ? "usleep(10 ms)" : "Thread.sleep(10 ms)") + " on 2 workers: %.1f ms%n", cap, n,
                            (System.nanoTime() - start) / 1e6);
                }
                System.out.println("  " + s.counters().spares());
            }
        }
    }

    private static Scheduler closing(Scheduler s) {
        return s;
    }
}
