package dev.threadmark.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * One new thread per task: {@code platform} (kernel threads) and {@code virtual} (Loom) differ
 * only in the {@link ThreadFactory}, and their threads are unnamed.
 *
 * <p>Threads are started by the JDK's thread-per-task executor
 * ({@link Executors#newThreadPerTaskExecutor}), the way Loom's documentation starts virtual
 * threads. Its per-task work is a small wrapper and an entry in a concurrent set of live
 * threads, which is what a directly started virtual thread costs too: with the JDK's default
 * {@code jdk.trackAllThreads=true} the root container keeps the same set. What it buys is
 * {@link ExecutorService#close}, which waits for every thread to terminate — the guarantee "no
 * thread survives close()" — without the run keeping N {@code Thread} objects to join.
 *
 * <p>A refused run interrupts its threads with {@link ExecutorService#shutdownNow}; a shut-down
 * executor takes no new tasks, so the next run gets a fresh one and the old one is closed with
 * the model.
 */
final class ThreadPerTask extends ThreadModel {
    private final String name;
    private final ThreadFactory factory;
    private final List<ExecutorService> retired = new ArrayList<>();
    private ExecutorService executor;

    ThreadPerTask(String name, ThreadFactory factory) {
        this.name = name;
        this.factory = factory;
        this.executor = Executors.newThreadPerTaskExecutor(factory);
    }

    static ThreadPerTask platform() {
        return new ThreadPerTask("platform", Thread.ofPlatform().factory());
    }

    static ThreadPerTask virtual() {
        return new ThreadPerTask("virtual", Thread.ofVirtual().factory());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    void submit(Runnable body) {
        executor.execute(body);
    }

    @Override
    void interruptRunning() {
        executor.shutdownNow();
        retired.add(executor);
        executor = Executors.newThreadPerTaskExecutor(factory);
    }

    /** Waits for every thread this model started to terminate. */
    @Override
    public void close() {
        for (ExecutorService old : retired) {
            old.close();
        }
        executor.close();
    }

    /** A thread per task cannot die under its task and leave it unfinished. */
    @Override
    Optional<Throwable> broken() {
        return Optional.empty();
    }
}
