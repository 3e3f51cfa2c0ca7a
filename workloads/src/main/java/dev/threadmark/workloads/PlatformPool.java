package dev.threadmark.workloads;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of kernel threads fed from one queue: how most servers run today (a servlet
 * container's default is 200 threads). Tasks beyond the pool size wait in the queue, so sleep
 * work takes about {@code ceil(tasks / size)} sleeps.
 */
final class PlatformPool extends ThreadModel {
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private final ThreadPoolExecutor pool;
    /** Every thread the pool made: termination of the pool is not yet the end of its threads. */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    PlatformPool(int size) {
        ThreadFactory plain = Thread.ofPlatform().factory();
        pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = plain.newThread(r);
            threads.add(t);
            return t;
        });
        pool.prestartAllCoreThreads(); // a server's pool is warm before the first request
    }

    @Override
    public String name() {
        return "platform-pool";
    }

    @Override
    void submit(Runnable body) {
        pool.execute(body);
    }

    /** Interrupts the pool's threads; an idle one goes back to waiting for the queue. */
    @Override
    void interruptRunning() {
        threads.forEach(Thread::interrupt);
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("platform-pool: threads still running "
                    + CLOSE_TIMEOUT_SECONDS + " s after close; a task ignores interruption");
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** A pool thread that dies under a task has still counted the task down (the wrapper's finally). */
    @Override
    Optional<Throwable> broken() {
        return Optional.empty();
    }
}
