package dev.threadmark.workloads;

/**
 * A way of running many concurrent tasks: kernel threads, a pool of them, virtual threads, or
 * our own user threads.
 *
 * <p>{@link #run} is the seeds' {@code sync.WaitGroup} pattern: start {@code tasks} copies of
 * the task, return when every one has finished. The same {@link Task} object is handed to every
 * model, so only the threading differs between measurements.
 *
 * <p>Contract every implementation keeps (and {@code ThreadModelContractTest} checks):
 * <ul>
 *   <li>each task runs exactly once per call;</li>
 *   <li>if any task throws, {@code run} throws {@link TaskFailedException} after all tasks have
 *       finished, with the first failure as its cause;</li>
 *   <li>if the model cannot start a task at all (the OS has no more threads),
 *       {@code run} waits for what it did start and throws {@link CapacityExceededException};</li>
 *   <li>after {@link #close} no thread the model started is alive.</li>
 * </ul>
 */
public interface ThreadModel extends AutoCloseable {

    /** The name this model is chosen by, as in {@link Models#create}. */
    String name();

    /** Runs {@code tasks} copies of {@code task} concurrently and waits for all of them. */
    void run(int tasks, Task task) throws InterruptedException;

    /** Stops every thread this model owns and waits for them to end. */
    @Override
    void close() throws InterruptedException;
}
