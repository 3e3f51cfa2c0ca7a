package dev.threadmark.workloads;

/** One unit of work a threading model runs; may throw, and a model must never lose what it throws. */
@FunctionalInterface
public interface Task {
    void run() throws Exception;
}
