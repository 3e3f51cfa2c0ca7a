package dev.threadmark.workloads;

/** A task threw: the cause is the first failure, later ones are suppressed (a few of them). */
public final class TaskFailedException extends RuntimeException {
    public TaskFailedException(String message, Throwable firstFailure) {
        super(message, firstFailure);
    }
}
