package dev.threadmark.harness;

import dev.threadmark.results.RunMetadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

/** One JVM for every measurement: the annotations repeat {@link ForkJvm}'s flags and must not drift. */
class ForkJvmTest {

    @Test
    void everyBenchmarkForksTheFixedJvm() throws Exception {
        for (Class<?> benchmark : List.of(SweepBenchmark.class, RuntimeBenchmark.class)) {
            assertEquals(ForkJvm.flags(), List.of(benchmark.getAnnotation(Fork.class).jvmArgsAppend()),
                    benchmark.getSimpleName());
        }
        Fork pingPong = RuntimeBenchmark.PingPong.class.getMethod("roundTrip").getAnnotation(Fork.class);
        List<String> args = List.of(pingPong.jvmArgsAppend());
        assertEquals(ForkJvm.flags(), args.subList(0, ForkJvm.flags().size()), "ping-pong adds to the fixed JVM only");
    }

    @Test
    void theHeapIsPinnedPreTouchedAndTheCollectorNamed() {
        List<String> flags = ForkJvm.flags();
        String xms = flags.stream().filter(f -> f.startsWith("-Xms")).findFirst().orElseThrow();
        String xmx = flags.stream().filter(f -> f.startsWith("-Xmx")).findFirst().orElseThrow();
        assertEquals(xms.substring(4), xmx.substring(4), "-Xms = -Xmx");
        assertTrue(flags.contains("-XX:+AlwaysPreTouch"), flags.toString());
        assertTrue(flags.stream().anyMatch(f -> f.matches("-XX:\\+Use\\w+GC")), "a named collector: " + flags);
        assertTrue(flags.contains("--enable-native-access=ALL-UNNAMED"), "native-sleep's downcall without a warning");
        assertTrue(EnvironmentMetadata.describe().get("jvm.args.fork").contains(ForkJvm.line()));
    }
}
