package dev.threadmark.harness;

import dev.threadmark.workloads.SpinWorkload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What it measures: how long one spin task of the run's calibrated tokens really takes inside a
 * measuring JVM ({@link ForkJvm}) while every core runs one — the conditions of a spin point past
 * the core count.
 *
 * <p>Why: the sweep calibrates its tokens once, single-threaded, in its own JVM. With every core
 * busy a core may clock lower, share caches or run a JIT thread beside the task; the ideal lines
 * of {@code spin} and {@code mixed-*} should divide by what a task costs there, not by the
 * target. Both figures go into {@code run.properties} ({@code workload.spin.target.ns} and
 * {@code workload.spin.task.ns}); the report's ideals use the second.
 *
 * <p>One thread per available processor ({@link Threads#MAX}), each timing its own tasks; the
 * score is the mean time per task over all of them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(Threads.MAX)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.HEAP_MIN, ForkJvm.HEAP_MAX, ForkJvm.PRE_TOUCH, ForkJvm.GC, ForkJvm.EXPORTS,
    ForkJvm.UNSAFE})
public class SpinCheckBenchmark {
    @Param("1000")
    public long spinTokens;

    private SpinWorkload task;

    @Setup
    public void setUp() {
        task = new SpinWorkload(spinTokens);
    }

    @Benchmark
    public void spinTask() {
        task.run();
    }
}
