package dev.threadmark.harness;

import java.io.PrintStream;
import java.util.Collection;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link SpinCheckBenchmark} once per sweep, after the calibration: the CPU time a spin
 * task really takes in a fork with every core busy.
 *
 * @param nanos mean time per task, ns
 * @param error JMH's 99.9 % error of it, ns
 */
record SpinCheck(double nanos, double error) {

    static SpinCheck run(long tokens, SweepProfile profile, PrintStream jmhLog) {
        jmhLog.println("==== spin check: " + tokens + " tokens per task, every core busy ====");
        try {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include(SpinCheckBenchmark.class.getName() + ".spinTask$")
                    .jvmArgsAppend(ForkJvm.flags().toArray(String[]::new))
                    .param("spinTokens", Long.toString(tokens))
                    .forks(1)
                    .warmupIterations(Math.max(1, profile.warmupIterations()))
                    .warmupTime(TimeValue.milliseconds(profile.warmupTime().toMillis()))
                    .measurementIterations(profile.measurementIterations())
                    .measurementTime(TimeValue.milliseconds(profile.measurementTime().toMillis()))
                    .shouldFailOnError(true)
                    .build(), OutputFormatFactory.createFormatInstance(jmhLog, VerboseMode.NORMAL)).run();
            Result<?> r = results.iterator().next().getPrimaryResult();
            return new SpinCheck(r.getScore(), r.getScoreError());
        } catch (RunnerException | RuntimeException e) {
            Environment.check(e);
            throw new IllegalStateException("the spin check failed: " + PointRunner.reason(e), e);
        } finally {
            jmhLog.flush();
        }
    }
}
