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
 * <p>Mode: the system property {@code jcstress.args}, jcstress options; by default {@link #SHORT},
 * about a minute for the four tests on two cores, in every {@code mvn verify}. The long run is
 * one command:
 * <pre>mvn -B -pl userthreads verify -Dtest=JcstressTest -Djcstress.args="-m tough"</pre>
 * (any jcstress options: {@code -m sanity|quick|default|tough|stress}, {@code -time}, {@code -iters}).
 * {@code -Djcstress.filter=IdleStress} runs one test. The report is in {@code userthreads/target/jcstress/}.
 */
class JcstressTest {
    private static final String EXPORTS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";
    /**
     * The CI mode: jcstress's quick preset (every JVM configuration it varies: interpreter, C1,
     * C2, split compilation, C2 stress randomizers; a normal and a stress fork each) with one
     * 300 ms iteration per fork instead of five of 200 ms. Fork start-up dominates either way.
     */
    static final String SHORT = "-m quick -iters 1 -time 300";

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // "tough" takes long; "quick" about a minute
    void noForbiddenOutcomes() throws Exception {
        String args = System.getProperty("jcstress.args", SHORT);
        String filter = System.getProperty("jcstress.filter", ".*Stress");
        Path out = Path.of("target", "jcstress").toAbsolutePath();
        Files.createDirectories(out);
        Path log = out.resolve("console.txt");
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(), EXPORTS,
                "-cp", System.getProperty("java.class.path"),
                "org.openjdk.jcstress.Main",
                "-t", "dev\\.threadmark\\.userthreads\\." + filter,
                "-r", out.resolve("report").toString()));
        cmd.addAll(List.of(args.trim().split("\\s+")));
        // The forked test JVMs inherit this JVM's arguments (so the add-exports above): jcstress
        // copies them. Its result blob goes to the working directory, hence target/jcstress.
        Process p = new ProcessBuilder(cmd).directory(out.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        String console = Files.readString(log);
        String tail = tail(console);
        assertEquals(0, exit, "jcstress exited with " + exit + "\n" + tail);
        // jcstress 0.16's summary: "Failed tests: No matches." when nothing forbidden was seen.
        assertTrue(console.contains("Failed tests: No matches."), "jcstress saw forbidden outcomes:\n" + tail);
        assertTrue(console.contains("Error tests: No matches."), "jcstress tests errored:\n" + tail);
        Matcher m = RESULTS.matcher(console);
        String last = null;
        int planned = 0;
        int passed = 0;
        while (m.find()) { // progress lines; the last is the total
            last = m.group();
            planned = Integer.parseInt(m.group(1));
            passed = Integer.parseInt(m.group(2));
        }
        assertTrue(last != null && planned > 0 && passed == planned, "not every planned result passed: " + last
                + "\n" + tail);
    }

    private static final Pattern RESULTS = Pattern.compile(
            "\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)");

    private static String tail(String s) throws IOException {
        return s.length() <= 6_000 ? s : s.substring(s.length() - 6_000);
    }
}
