package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.threadmark.workloads.CapacityExceededException;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

class PointRunnerTest {

    @Test
    void reasonDigsTheBenchmarkFailureOutOfJmhWrappers() {
        Throwable oom = new OutOfMemoryError("unable to create native thread: possibly out of memory");
        Throwable ours = new CapacityExceededException("platform: could not start task 32001 of 100000: "
                + oom.getMessage(), oom);
        RunnerException jmh = new RunnerException("Benchmark caught the exception", new RuntimeException(
                "org.openjdk.jmh.runner.BenchmarkException"));
        jmh.getCause().addSuppressed(ours);
        assertEquals("CapacityExceededException: platform: could not start task 32001 of 100000: "
                + "unable to create native thread: possibly out of memory", PointRunner.reason(jmh));
    }

    @Test
    void reasonOfAPlainFailureIsItsMessage() {
        assertEquals("RunnerException: Forked VM failed with exit code 134",
                PointRunner.reason(new RunnerException("Forked VM failed\nwith exit code 134")));
    }
}
