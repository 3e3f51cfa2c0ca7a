package dev.threadmark.results;

/** A results file that is not what threadmark wrote: the message names the file and the fault. */
public final class MalformedResultsException extends RuntimeException {
    public MalformedResultsException(String message) {
        super(message);
    }

    public MalformedResultsException(String message, Throwable cause) {
        super(message, cause);
    }
}
