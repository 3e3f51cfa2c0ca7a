package dev.threadmark.results;

/**
 * The workload and model parameters every point of a run shares.
 *
 * @param sleepMs    how long one sleep task waits
 * @param spinTokens calibrated tokens one spin task burns
 * @param poolSize   threads of {@code platform-pool}
 * @param workers    carrier threads of {@code user}
 */
public record RunParameters(long sleepMs, long spinTokens, int poolSize, int workers) {}
