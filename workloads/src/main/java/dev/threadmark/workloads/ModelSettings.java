package dev.threadmark.workloads;

/**
 * What a threading model may be tuned by.
 *
 * @param poolSize threads in {@code platform-pool}
 * @param workers  carrier threads of the {@code user} scheduler
 */
public record ModelSettings(int poolSize, int workers) {
    public static final int DEFAULT_POOL_SIZE = 200;

    public ModelSettings {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("user scheduler workers must be at least 1, got " + workers);
        }
    }

    public static ModelSettings defaults() {
        return new ModelSettings(DEFAULT_POOL_SIZE, Runtime.getRuntime().availableProcessors());
    }

    public ModelSettings withPoolSize(int size) {
        return new ModelSettings(size, workers);
    }

    public ModelSettings withWorkers(int count) {
        return new ModelSettings(poolSize, count);
    }
}
