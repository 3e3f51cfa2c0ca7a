package dev.threadmark.workloads;

import java.time.Duration;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How many {@link Blackhole#consumeCPU} tokens make one spin task last {@code target} of CPU on
 * this machine, today. Done at the start of every run and recorded with its results, because a
 * token's cost depends on the CPU, its clock and the JIT.
 *
 * <p>Method: warm the loop up, then time a large batch of tokens several times and keep the
 * fastest rate (the one least disturbed by other processes), as JMH's own calibration does.
 *
 * @param target        CPU time one task should take
 * @param tokens        tokens per task
 * @param nanosPerToken the measured cost of one token
 */
public record SpinCalibration(Duration target, long tokens, double nanosPerToken) {
    private static final long BATCH_TOKENS = 2_000_000;
    private static final int ROUNDS = 15;

    public SpinCalibration {
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("spin target must be positive, got " + target);
        }
    }

    public static SpinCalibration calibrate(Duration target) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            Blackhole.consumeCPU(BATCH_TOKENS);
            long elapsed = System.nanoTime() - start;
            if (round >= ROUNDS / 3) { // the first third warms the JIT up
                best = Math.min(best, (double) elapsed / BATCH_TOKENS);
            }
        }
        long tokens = Math.max(1, Math.round(target.toNanos() / best));
        return new SpinCalibration(target, tokens, best);
    }
}
