package dev.threadmark.harness;

import dev.threadmark.workloads.SpinWorkload;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one spin task of the run's calibrated tokens really costs inside a measuring JVM
 * ({@link ForkJvm}) while every core runs one — the conditions of a spin point past the core
 * count. Run once per sweep, after the calibration, as a probe in its own JVM
 * ({@code java FLAGS ... SpinCheck TOKENS}).
 *
 * <p>Why: the sweep calibrates its tokens once, single-threaded, in its own JVM. With every core
 * busy a core may clock lower or share its caches; the ideal lines of {@code spin} and
 * {@code mixed-*} should use what a task costs there, not the target. Both go into
 * {@code run.properties}: {@code workload.spin.target.ns} and {@code workload.spin.task.ns}.
 *
 * <p>Method: one platform thread per available processor, started together; each warms the loop
 * up, then runs {@value #ROUNDS} rounds of {@value #TASKS_PER_ROUND} tasks and takes its own
 * <em>CPU</em> time per task in each round ({@link ThreadMXBean#getCurrentThreadCpuTime}). CPU
 * time, not wall time: another process on the machine slows the wall clock of a task, not the
 * work it is. The figure is the median over every thread's rounds, with their range; the wall
 * time per task is printed beside it, and a wall time far above the CPU time says the machine
 * was not quiet.
 *
 * @param cpuNanos  median CPU time per task, ns
 * @param lowNanos  the fastest round's CPU time per task
 * @param highNanos the slowest round's
 * @param wallNanos median wall time per task, ns
 */
record SpinCheck(double cpuNanos, double lowNanos, double highNanos, double wallNanos) {
    static final int ROUNDS = 5;
    static final int TASKS_PER_ROUND = 10_000;
    private static final Duration WARM_UP = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern LINE = Pattern.compile(
            "cpu=(\\d+\\.\\d+) low=(\\d+\\.\\d+) high=(\\d+\\.\\d+) wall=(\\d+\\.\\d+)");

    String line() {
        return String.format(Locale.ROOT, "cpu=%.1f low=%.1f high=%.1f wall=%.1f", cpuNanos, lowNanos, highNanos,
                wallNanos);
    }

    static SpinCheck parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("spin check printed '" + line.strip()
                    + "', expected 'cpu=<ns> low=<ns> high=<ns> wall=<ns>'");
        }
        return new SpinCheck(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)));
    }

    /** Runs the probe in a measuring JVM; what the environment does to it stops the sweep. */
    static SpinCheck run(long tokens) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ForkJvm.flags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SpinCheck.class.getName(),
                Long.toString(tokens)));
        try {
            Subprocess probe = Subprocess.run(command, TIMEOUT);
            if (!probe.succeeded()) {
                throw new IllegalStateException("the spin check failed: " + probe.failure(TIMEOUT));
            }
            return parse(probe.lastLine());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the spin check could not start: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepInterruptedException("interrupted during the spin check", e);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java " + ForkJvm.line() + " ... SpinCheck TOKENS");
            System.exit(2);
        }
        System.out.println(measure(Long.parseLong(args[0]), Runtime.getRuntime().availableProcessors()).line());
    }

    static SpinCheck measure(long tokens, int threads) throws InterruptedException {
        SpinWorkload task = new SpinWorkload(tokens);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[threads * ROUNDS];
        double[] wall = new double[threads * ROUNDS];
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    long warmEnd = System.nanoTime() + WARM_UP.toNanos();
                    while (System.nanoTime() < warmEnd) {
                        task.run();
                    }
                    for (int r = 0; r < ROUNDS; r++) {
                        long c0 = bean.getCurrentThreadCpuTime();
                        long w0 = System.nanoTime();
                        for (int i = 0; i < TASKS_PER_ROUND; i++) {
                            task.run();
                        }
                        wall[slot * ROUNDS + r] = (double) (System.nanoTime() - w0) / TASKS_PER_ROUND;
                        cpu[slot * ROUNDS + r] = (double) (bean.getCurrentThreadCpuTime() - c0) / TASKS_PER_ROUND;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        return new SpinCheck(median(cpu), cpu[0], cpu[cpu.length - 1], median(wall));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
