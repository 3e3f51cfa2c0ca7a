package dev.threadmark.harness;

import dev.threadmark.userthreads.Fiber;
import dev.threadmark.userthreads.Scheduler;
import dev.threadmark.workloads.ModelSettings;
import dev.threadmark.workloads.Models;
import dev.threadmark.workloads.ThreadModel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the runtimes themselves cost, side by side in one JMH run: Loom's virtual threads against
 * our user-thread scheduler.
 *
 * <ul>
 *   <li>{@link #startJoinNoop}: start and join one million tasks that do nothing: pure creation,
 *       scheduling and completion cost (anchors: Loom ~0.5–0.65 s, Go ~0.38 s on 2 cores).</li>
 *   <li>{@link PingPong#roundTrip}: two threads hand a token back and forth with park/unpark on
 *       one carrier; the time of one round trip is two unparks and two switches between user-mode
 *       threads — the runtime's own mechanism, without the kernel's wake-up of a second carrier.</li>
 * </ul>
 * A million sleeping tasks is the sweep's own {@code sleep} point at 1M.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.HEAP_MIN, ForkJvm.HEAP_MAX, ForkJvm.PRE_TOUCH, ForkJvm.GC, ForkJvm.EXPORTS,
    ForkJvm.UNSAFE, ForkJvm.NATIVE_ACCESS})
public class RuntimeBenchmark {
    static final int MILLION = 1_000_000;

    @State(Scope.Benchmark)
    public static class Fanout {
        @Param({"virtual", "user"})
        public String model;

        ThreadModel threads;

        @Setup(Level.Trial)
        public void setUp() {
            threads = Models.create(model, ModelSettings.defaults());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            threads.close();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void startJoinNoop(Fanout state) throws InterruptedException {
        state.threads.run(MILLION, () -> {});
    }

    /**
     * Two threads of the model take turns: each waits (parks) until the shared counter has its
     * parity, increments it and wakes the other. {@value #ROUND_TRIPS} round trips per operation.
     *
     * <p>Why one carrier (Loom's scheduler with parallelism 1, our scheduler with one worker): with
     * a carrier per player, every hand-off also wakes the other carrier through the kernel, and
     * whether that carrier is still spinning or already asleep depends on the load of the whole
     * machine, not on the runtime. Measured here on 2 cores, Loom's cross-carrier round trip was
     * either ~0.7 µs or ~2.2 µs from one run to the next with both forks of a run agreeing — a
     * number that moves with the neighbours, useless for nightly tracking. On one carrier the
     * hand-off is the runtime's own work: an unpark that queues the other thread, a park that
     * yields the continuation and mounts the next one.
     */
    @State(Scope.Benchmark)
    public static class PingPong {
        static final int ROUND_TRIPS = 10_000;
        /** Loom's scheduler on one carrier; ours gets one worker in {@link #setUp}. */
        static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";

        @Param({"virtual", "user"})
        public String model;

        private Scheduler scheduler;

        @Setup(Level.Trial)
        public void setUp() {
            if (model.equals("user")) {
                scheduler = new Scheduler(1);
            } else if (!model.equals("virtual")) {
                throw new IllegalArgumentException("ping-pong runs on virtual or user, not " + model);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            if (scheduler != null) {
                scheduler.close();
            }
        }

        @Benchmark
        @BenchmarkMode(Mode.AverageTime)
        @Fork(value = 1, jvmArgsAppend = {ForkJvm.HEAP_MIN, ForkJvm.HEAP_MAX, ForkJvm.PRE_TOUCH, ForkJvm.GC,
            ForkJvm.EXPORTS, ForkJvm.UNSAFE, ForkJvm.NATIVE_ACCESS, PingPong.ONE_CARRIER})
        @OperationsPerInvocation(ROUND_TRIPS)
        @OutputTimeUnit(TimeUnit.NANOSECONDS)
        public int roundTrip() throws InterruptedException {
            AtomicInteger ball = new AtomicInteger();
            Player[] players = new Player[2];
            AtomicInteger finished = new AtomicInteger();
            Thread main = Thread.currentThread();
            for (int p = 0; p < 2; p++) {
                players[p] = new Player(p, ball, players, finished, main, scheduler != null);
            }
            for (Player p : players) {
                p.start(scheduler);
            }
            while (finished.get() < 2) {
                LockSupport.park(this);
            }
            return ball.get();
        }
    }

    /** One side of the ping-pong, on a fiber or a virtual thread. */
    private static final class Player implements Runnable {
        private final int parity;
        private final AtomicInteger ball;
        private final Player[] players;
        private final AtomicInteger finished;
        private final Thread main;
        private final boolean fiber;
        private volatile Object handle; // the Fiber or the virtual Thread, once started

        Player(int parity, AtomicInteger ball, Player[] players, AtomicInteger finished, Thread main, boolean fiber) {
            this.parity = parity;
            this.ball = ball;
            this.players = players;
            this.finished = finished;
            this.main = main;
            this.fiber = fiber;
        }

        void start(Scheduler scheduler) {
            handle = fiber ? scheduler.spawn(this) : Thread.ofVirtual().start(this);
        }

        @Override
        public void run() {
            Player other = players[1 - parity];
            for (int i = 0; i < PingPong.ROUND_TRIPS; i++) {
                while ((ball.get() & 1) != parity) {
                    park();
                }
                ball.incrementAndGet();
                other.unpark();
            }
            finished.incrementAndGet();
            LockSupport.unpark(main);
        }

        private void park() {
            if (fiber) {
                Fiber.park();
            } else {
                LockSupport.park();
            }
        }

        private void unpark() {
            Object h;
            while ((h = handle) == null) {
                Thread.onSpinWait(); // the other side is being started
            }
            if (h instanceof Fiber f) {
                f.unpark();
            } else {
                LockSupport.unpark((Thread) h);
            }
        }
    }
}
