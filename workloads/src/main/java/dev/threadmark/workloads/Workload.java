package dev.threadmark.workloads;

/** A task body with a name; the same object is run by every threading model. */
public interface Workload extends Task {
    /** The name this workload is chosen by, as in {@link Workloads#create}. */
    String name();
}
