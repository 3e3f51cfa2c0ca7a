package dev.threadmark.harness;

import dev.threadmark.results.SchedulerCountersFile;
import dev.threadmark.results.SchedulerCountersRow;
import dev.threadmark.userthreads.SchedulerCounters;

import dev.threadmark.workloads.ModelSettings;
import dev.threadmark.workloads.Models;
import dev.threadmark.workloads.ServerAddresses;
import dev.threadmark.workloads.SocketWorkload;
import dev.threadmark.workloads.ThreadModel;
import dev.threadmark.workloads.UserThreads;
import dev.threadmark.workloads.Workload;
import dev.threadmark.workloads.WorkloadSettings;
import dev.threadmark.workloads.Workloads;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What it measures: the wall time to start {@code tasks} copies of a workload on a threading
 * model and wait for all of them — one operation is one whole fan-out and join, the seeds'
 * {@code go f(); wg.Wait()}.
 *
 * <p>Why this shape: the question is how the time of N concurrent tasks grows with N. With perfect
 * concurrency, N sleeps of 10 ms take 10 ms and N spins of w take N·w / cores; whatever a model
 * adds beyond that is its overhead, and where that overhead takes over, the gains collapse.
 *
 * <p>AverageTime, not SingleShotTime: small N finishes in microseconds and needs many operations
 * per iteration to be measured at all; large N takes seconds and then an iteration is simply one
 * operation. The model is built once per trial (a pool, like a server's, stays warm) and every
 * operation starts its tasks afresh. The {@link Sweep} runs this benchmark one point at a time,
 * so that a point that fails or would take too long is recorded and skipped, not fatal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.HEAP_MIN, ForkJvm.HEAP_MAX, ForkJvm.PRE_TOUCH, ForkJvm.GC, ForkJvm.EXPORTS,
    ForkJvm.UNSAFE, ForkJvm.NATIVE_ACCESS})
public class SweepBenchmark {

    @Param("virtual")
    public String model;

    @Param("sleep")
    public String workload;

    @Param("1")
    public int tasks;

    @Param("10")
    public long sleepMs;

    /** Calibrated by the sweep to the target CPU time per task; see {@code SpinCalibration}. */
    @Param("1000")
    public long spinTokens;

    /** The CPU time {@code spinTokens} were calibrated to; scales the CPU part of {@code mixed-*}. */
    @Param("10000")
    public long spinTargetNs;

    @Param("200")
    public int poolSize;

    /** Carrier threads of the user scheduler; 0 means one per available processor. */
    @Param("0")
    public int workers;

    private ThreadModel threads;
    private Workload work;

    @Setup(Level.Trial)
    public void setUp() {
        ModelSettings settings = ModelSettings.defaults().withPoolSize(poolSize);
        if (workers > 0) {
            settings = settings.withWorkers(workers);
        }
        // The socket workload's reply server runs in its own process, started by the sweep.
        Optional<ServerAddresses> server = Optional.ofNullable(System.getProperty(SocketWorkload.SERVER_PROPERTY))
                .map(ServerAddresses::parse);
        work = Workloads.create(workload, new WorkloadSettings(Duration.ofMillis(sleepMs), spinTokens,
                Duration.ofNanos(spinTargetNs), server));
        work.open(tasks); // connections, before anything is timed
        threads = Models.create(model, settings);
    }

    @Benchmark
    public void fanOutAndJoin() throws InterruptedException {
        threads.run(tasks, work);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        threads.close();
        work.close();
        String countersFile = System.getProperty(COUNTERS_PROPERTY);
        if (countersFile != null && threads instanceof UserThreads user) {
            SchedulerCounters c = user.counters();
            SchedulerCounters.Spares sp = c.spares();
            SchedulerCountersFile.append(java.nio.file.Path.of(countersFile), new SchedulerCountersRow(c.workers(),
                    c.spawned(), c.completed(), c.steals(), c.parks(), c.timerFires(), c.globalTakes(), c.uncaught(),
                    new SchedulerCountersRow.Spares(sp.cap(), sp.started(), sp.retired(), sp.peak(), sp.handoffs(),
                            sp.blockingCalls())));
        }
    }

    /** Where a fork appends the user scheduler's counters after each trial; set by the sweep. */
    static final String COUNTERS_PROPERTY = "threadmark.counters";
}
