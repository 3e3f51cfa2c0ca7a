package dev.threadmark.workloads;

import org.openjdk.jmh.infra.Blackhole;

/**
 * Burns a fixed amount of CPU. {@link Blackhole#consumeCPU} is JMH's own busy loop: the JIT
 * cannot remove it, and its cost per token is linear, so tokens can be calibrated to a time
 * ({@link SpinCalibration}). N of them need N·w of CPU, so beyond {@code cores} tasks no model
 * can gain anything.
 */
public record SpinWorkload(long tokens) implements Workload {
    public SpinWorkload {
        if (tokens < 0) {
            throw new IllegalArgumentException("spin tokens must not be negative, got " + tokens);
        }
    }

    @Override
    public String name() {
        return "spin";
    }

    @Override
    public void run() {
        Blackhole.consumeCPU(tokens);
    }
}
