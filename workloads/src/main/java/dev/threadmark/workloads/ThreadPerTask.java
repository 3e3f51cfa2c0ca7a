package dev.threadmark.workloads;

import java.util.concurrent.ThreadFactory;

/**
 * One new thread per task, joined at the end: {@code platform} (kernel threads) and
 * {@code virtual} (Loom) differ only in the {@link ThreadFactory}.
 *
 * <p>Joining every thread, rather than counting completions, is what makes "no thread survives"
 * true: a thread that has counted down may still be on its way out. When the OS refuses a
 * thread the run has failed, so the threads already started are interrupted before the join: a
 * task waiting for something that will now never come (the footprint probe's parked tasks) must
 * not hang the run.
 */
final class ThreadPerTask implements ThreadModel {
    private final String name;
    private final ThreadFactory factory;

    ThreadPerTask(String name, ThreadFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    static ThreadPerTask platform() {
        return new ThreadPerTask("platform", Thread.ofPlatform().name("tm-platform-", 0).factory());
    }

    static ThreadPerTask virtual() {
        return new ThreadPerTask("virtual", Thread.ofVirtual().name("tm-virtual-", 0).factory());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(int tasks, Task task) throws InterruptedException {
        TaskGroup group = new TaskGroup(tasks);
        Thread[] threads = new Thread[tasks];
        int started = 0;
        OutOfMemoryError refused = null;
        Runnable body = group.wrap(task);
        try {
            for (; started < tasks; started++) {
                Thread t = factory.newThread(body);
                t.start();
                threads[started] = t;
            }
        } catch (OutOfMemoryError e) { // "unable to create native thread": the OS is out of threads
            refused = e;
        }
        if (refused != null) {
            for (int i = 0; i < started; i++) {
                threads[i].interrupt();
            }
        }
        for (int i = 0; i < started; i++) {
            threads[i].join();
        }
        if (refused != null) {
            throw new CapacityExceededException(name + ": could not start task " + (started + 1)
                    + " of " + tasks + ": " + refused.getMessage(), refused);
        }
        group.rethrowFailures(name);
    }

    /** Nothing to stop: every thread was joined before {@link #run} returned. */
    @Override
    public void close() {}
}
