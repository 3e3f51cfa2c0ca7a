package dev.threadmark.workloads;

import java.util.Optional;

/**
 * A way of running many concurrent tasks: kernel threads, a pool of them, virtual threads, or
 * our own user threads.
 *
 * <p>{@link #run} is the seeds' {@code sync.WaitGroup} pattern: start {@code tasks} copies of
 * the task, return when every one has finished. It is {@code final} and the same for every
 * model: one {@link TaskGroup} (one latch, one failure record), one wrapped body shared by all N
 * tasks, one loop that hands the body to {@link #submit}. A model decides only <em>how a task
 * reaches a thread</em> — start a new thread, queue it for a pool, spawn a fiber — so whatever
 * differs between two measurements is the threading, never the harness's bookkeeping. (An
 * earlier version named every virtual thread, kept all N {@code Thread} objects and joined them
 * one by one; at a million no-op tasks that bookkeeping alone nearly doubled Loom's time.)
 *
 * <p>Contract every implementation keeps (and {@code ThreadModelContractTest} checks):
 * <ul>
 *   <li>each task runs exactly once per call;</li>
 *   <li>if any task throws, {@code run} throws {@link TaskFailedException} after all tasks have
 *       finished, with the first failure as its cause;</li>
 *   <li>if the model cannot start a task at all (the OS has no more threads), {@code run}
 *       interrupts what it did start, waits for it and throws {@link CapacityExceededException};</li>
 *   <li>after {@link #close} no thread the model started is alive. Waiting for threads to end
 *       happens there, outside the timed operation: a task that has counted down may still be on
 *       its way out, and {@code run} does not wait for that.</li>
 * </ul>
 */
public abstract sealed class ThreadModel implements AutoCloseable permits ThreadPerTask, PlatformPool, UserThreads {

    /** The name this model is chosen by, as in {@link Models#create}. */
    public abstract String name();

    /**
     * How one task reaches a thread: the only thing in which models differ. Called {@code tasks}
     * times per {@link #run} with the same body, from the thread that called {@code run}.
     *
     * @throws OutOfMemoryError when the OS refuses another thread ("unable to create native thread")
     */
    abstract void submit(Runnable body);

    /**
     * Interrupts every task this model is running now. Only called when a run could not start
     * all its tasks: the ones it did start may wait for something that will now never come (the
     * footprint probe's parked tasks), and the run must still wait for them before it fails.
     */
    abstract void interruptRunning();

    /**
     * What broke the model itself, if anything: a dead scheduler will never finish the tasks it
     * held, so a run waiting for them must stop waiting and fail. Empty for models whose threads
     * cannot die under a task that is still running.
     */
    abstract Optional<Throwable> broken();

    /** Runs {@code tasks} copies of {@code task} concurrently and waits for all of them. */
    public final void run(int tasks, Task task) throws InterruptedException {
        TaskGroup group = new TaskGroup(tasks);
        Runnable body = group.wrap(task);
        int started = 0;
        try {
            for (; started < tasks; started++) {
                submit(body);
            }
        } catch (OutOfMemoryError refused) { // "unable to create native thread": the OS is out of threads
            interruptRunning();
            group.neverStarted(tasks - started);
            group.await(this);
            throw new CapacityExceededException(name() + ": could not start task " + (started + 1) + " of " + tasks
                    + ": " + refused.getMessage(), refused);
        } catch (java.util.concurrent.RejectedExecutionException rejected) { // the model broke or was closed
            group.neverStarted(tasks - started);
            group.await(this);
            throw new TaskFailedException(name() + ": the model rejected task " + (started + 1) + " of " + tasks
                    + ": " + rejected.getMessage(), rejected);
        }
        group.await(this);
        group.rethrowFailures(name());
    }

    /** Stops every thread this model owns and waits for them to end. */
    @Override
    public abstract void close() throws InterruptedException;
}
