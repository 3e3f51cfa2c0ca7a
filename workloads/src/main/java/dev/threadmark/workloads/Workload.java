package dev.threadmark.workloads;

/** A task body with a name; the same object is run by every threading model. */
public interface Workload extends Task {
    /** The name this workload is chosen by, as in {@link Workloads#create}. */
    String name();

    /**
     * Acquires what {@code tasks} concurrent tasks need before any operation is timed (the
     * {@code socket} workload's connections); nothing by default.
     *
     * @throws CapacityExceededException when the OS refuses it, with the OS's reason
     */
    default void open(int tasks) {}

    /** Releases what {@link #open} acquired. */
    default void close() {}
}
