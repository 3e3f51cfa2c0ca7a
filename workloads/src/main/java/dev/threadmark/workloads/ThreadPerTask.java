package dev.threadmark.workloads;

import java.time.Duration;
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
 * {@link ExecutorService#close}, which waits until every task has returned, without the run
 * keeping N {@code Thread} objects to join.
 *
 * <p>A task returning is not yet its thread ending: a platform thread still has to leave the
 * kernel. So platform threads are started in a thread group of their own, and {@link #close}
 * also waits until that group has no live thread — the guarantee "no thread survives close()"
 * for the threads that hold an OS thread and a pid. A virtual thread whose task has returned
 * holds neither; it unmounts and ends on its own within microseconds, and nothing here waits
 * for that (it would take the N references this class exists not to keep).
 *
 * <p>A refused run interrupts its threads with {@link ExecutorService#shutdownNow}; a shut-down
 * executor takes no new tasks, so the next run gets a fresh one and the old one is closed with
 * the model.
 */
final class ThreadPerTask extends ThreadModel {
    /** How long close waits for platform threads whose tasks have returned to leave the kernel. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final ThreadFactory factory;
    /** The group every platform thread of this model starts in; empty for virtual threads. */
    private final Optional<ThreadGroup> group;
    private final List<ExecutorService> retired = new ArrayList<>();
    private ExecutorService executor;

    ThreadPerTask(String name, ThreadFactory factory) {
        this(name, factory, Optional.empty());
    }

    private ThreadPerTask(String name, ThreadFactory factory, Optional<ThreadGroup> group) {
        this.name = name;
        this.factory = factory;
        this.group = group;
        this.executor = Executors.newThreadPerTaskExecutor(factory);
    }

    static ThreadPerTask platform() {
        ThreadGroup group = new ThreadGroup("threadmark-platform");
        return new ThreadPerTask("platform", Thread.ofPlatform().group(group).factory(), Optional.of(group));
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

    /** Waits for every task to return and, for platform threads, for every thread to end. */
    @Override
    public void close() throws InterruptedException {
        for (ExecutorService old : retired) {
            old.close();
        }
        executor.close();
        if (group.isPresent()) {
            long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
            while (group.get().activeCount() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": " + group.get().activeCount()
                            + " threads still alive " + EXIT_TIMEOUT.toSeconds() + " s after their tasks returned");
                }
                Thread.sleep(1);
            }
        }
    }

    /** A thread per task cannot die under its task and leave it unfinished. */
    @Override
    Optional<Throwable> broken() {
        return Optional.empty();
    }
}
