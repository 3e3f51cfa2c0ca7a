package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the jcstress tests of this package ({@code *Stress}: run queue, wake-up protocol,
 * WaitGroup, park/unpark) in a child JVM, and fails if any outcome was forbidden or any test
 * errored. jcstress forks its own JVMs, with the flags it varies, so it cannot run inside this
 * one.
 *
 * <p>Mode: the system property {@code jcstress.mode}. {@code quick} (the default, set in the
 * pom) is jcstress's own quick preset, about a minute for the four tests on two cores, in every
 * {@code mvn verify}. The long run is one command:
 * <pre>mvn -B -pl userthreads verify -Dtest=JcstressTest -Djcstress.mode=tough</pre>
 * (any jcstress preset: sanity, quick, default, tough, stress). The report is in
 * {@code userthreads/target/jcstress/}.
 */
class JcstressTest {
    private static final String EXPORTS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // "tough" takes long; "quick" about a minute
    void noForbiddenOutcomes() throws Exception {
        String mode = System.getProperty("jcstress.mode", "quick");
        String filter = System.getProperty("jcstress.filter", ".*Stress");
        Path out = Path.of("target", "jcstress");
        Files.createDirectories(out);
        Path log = out.resolve("console.txt");
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(), EXPORTS,
                "-cp", System.getProperty("java.class.path"),
                "org.openjdk.jcstress.Main",
                "-t", "dev\\.threadmark\\.userthreads\\." + filter,
                "-m", mode,
                "-r", out.resolve("report").toString()));
        // The forked test JVMs inherit this JVM's arguments (so the add-exports above), as jcstress copies them.
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        String console = Files.readString(log);
        String tail = tail(console);
        assertEquals(0, exit, "jcstress exited with " + exit + "\n" + tail);
        // jcstress 0.16's summary: "Failed tests: No matches." when nothing forbidden was seen.
        assertTrue(console.contains("Failed tests: No matches."), "jcstress saw forbidden outcomes:\n" + tail);
        assertTrue(console.contains("Error tests: No matches."), "jcstress tests errored:\n" + tail);
        Matcher m = RESULTS.matcher(console);
        String last = null;
        while (m.find()) {
            last = m.group();
            assertEquals(m.group(1), m.group(2), "every planned result passed: " + last);
        }
        assertTrue(last != null && !last.startsWith("(Results: 0 "), "jcstress ran nothing:\n" + tail);
    }

    /** jcstress 0.16's progress line, the last one being the total. */
    private static final Pattern RESULTS = Pattern.compile(
            "\\(Results: (\\d+) planned; (\\d+) passed, 0 failed, 0 soft errs, 0 hard errs\\)");

    private static String tail(String s) throws IOException {
        return s.length() <= 6_000 ? s : s.substring(s.length() - 6_000);
    }
}
