package dev.threadmark.harness;

/**
 * The environment stopped the sweep — another JMH holds its lock, the user pressed Ctrl-C, a fork
 * was killed from outside — rather than a model failing. Never recorded as a point: the sweep
 * stops, keeps what it measured and marks the run {@code interrupted}.
 */
final class SweepInterruptedException extends RuntimeException {
    SweepInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }

    SweepInterruptedException(String message) {
        super(message);
    }
}
