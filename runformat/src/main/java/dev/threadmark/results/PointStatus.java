package dev.threadmark.results;

/** What became of a point. Only {@link #OK} points have a score. */
public enum PointStatus {
    /** Measured. */
    OK,
    /** Ran and failed, e.g. the OS refused a thread; the reason says how. */
    FAILED,
    /** Not run: its estimated operation time exceeds the profile's budget. */
    OVER_BUDGET,
    /** Not run: a smaller task count of the same model and workload already failed. */
    SKIPPED
}
