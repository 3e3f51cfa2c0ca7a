package dev.threadmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as {@code java -jar} and the sweep's JMH forks see it (after {@code package}:
 * failsafe's integration-test phase). Without JMH's benchmark list in the jar a sweep started from
 * it finds no benchmarks; without the manifest's export the footprint subcommand cannot run our
 * scheduler in the host JVM.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "threadmark.jar");

    @Test
    void holdsJmhsBenchmarkListAndTheHostsExport() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertNotNull(jar.getEntry("META-INF/CompilerHints"));
            String benchmarks = new String(jar.getInputStream(jar.getEntry("META-INF/BenchmarkList")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(benchmarks.contains("dev.threadmark.harness.SweepBenchmark"), benchmarks);
            assertTrue(benchmarks.contains("dev.threadmark.harness.RuntimeBenchmark"), benchmarks);
            assertEquals("dev.threadmark.cli.Threadmark", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertEquals("java.base/jdk.internal.vm", jar.getManifest().getMainAttributes().getValue("Add-Exports"));
        }
    }

    @Test
    void runsWithJavaDashJar() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        assertEquals(0, run(java, "-jar", JAR.toString(), "report", "--help").exitCode);
        Result noCommand = run(java, "-jar", JAR.toString(), "reprot");
        assertEquals(2, noCommand.exitCode, noCommand.output);
        assertTrue(noCommand.output.contains("reprot"), noCommand.output);
        // The scheduler in the host JVM: Continuation is reachable only through the manifest's export.
        Result probe = run(java, "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-jar", JAR.toString(), "footprint",
                "user", "10");
        assertEquals(0, probe.exitCode, probe.output);
        assertTrue(probe.output.startsWith("heap="), probe.output);
    }

    private record Result(int exitCode, String output) {}

    /** Output to a file, not a pipe: a probe that hangs (its fiber thread died) must fail the test, not block it. */
    private static Result run(String... command) throws Exception {
        Path out = Files.createTempFile("threadmark-it", ".out");
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(50, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish: " + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
