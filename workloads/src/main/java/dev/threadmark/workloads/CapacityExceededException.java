package dev.threadmark.workloads;

/**
 * The model could not start all tasks, e.g. the kernel refused another thread. A sweep records
 * this as a failed point (with this message as the reason) rather than as a crash.
 */
public final class CapacityExceededException extends RuntimeException {
    public CapacityExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
