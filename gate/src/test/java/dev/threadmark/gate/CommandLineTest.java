package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.report.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The report's three commands as a user meets them: usage errors exit 2 with a message that names
 * the option, help exits 0 in the one format. (Before picocli an unknown flag to the nightly
 * became its results directory, and {@code --keep 0} silently disabled the gate.)
 */
class CommandLineTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int execute(Object command, String... args) {
        return new CommandLine(command).setErr(new PrintWriter(err)).setOut(new PrintWriter(out)).execute(args);
    }

    @Test
    void unknownOptionsAreRefusedByName() throws Exception {
        Files.createDirectories(tmp.resolve("runs"));
        assertEquals(2, execute(new Nightly(), tmp.toString(), "--kep", "3"));
        assertTrue(err.toString().contains("Unknown options: '--kep', '3'"), err.toString());
        assertEquals(2, execute(new Report(), "--treshold", "0.4", tmp.toString()));
        assertTrue(err.toString().contains("'--treshold'"), err.toString());
    }

    @Test
    void valuesOutOfRangeAreUsageErrors() throws Exception {
        Files.createDirectories(tmp.resolve("runs"));
        assertEquals(2, execute(new Nightly(), tmp.toString(), "--keep", "0"));
        assertTrue(err.toString().contains("--keep must be at least 2, got 0"), err.toString());
        assertEquals(2, execute(new Nightly(), tmp.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("nowhere is not a directory"), err.toString());
        assertEquals(2, execute(new Compare(), "a.json", "b.json", "--alpha", "1.5"));
        assertTrue(err.toString().contains("--alpha must be in (0, 1), got 1.5"), err.toString());
        assertEquals(2, execute(new Compare(), "a.json", "b.json", "--min-effect", "x"));
        assertTrue(err.toString().contains("Invalid value for option '--min-effect'"), err.toString());
        assertEquals(2, execute(new Report(), "--threshold", "0", tmp.toString()));
        assertTrue(err.toString().contains("--threshold must be in (0, 1], got 0.0"), err.toString());
        assertEquals(2, execute(new Compare(), "only-one.json"));
        assertTrue(err.toString().contains("RUN"), err.toString());
        assertEquals(2, execute(new Ab(), "HEAD", "--trials", "2"));
        assertTrue(err.toString().contains("--trials must be at least 3, got 2"), err.toString());
        assertEquals(2, execute(new Ab(), "no-such-commit-anywhere", "--trials", "3", "--project", "."));
        assertTrue(err.toString().contains("git does not know the commit 'no-such-commit-anywhere'"), err.toString());
    }

    @Test
    void badResultsAreExitTwoWithTheFileNamed() {
        assertEquals(2, execute(new Report(), tmp.resolve("missing-run").toString()));
    }

    @Test
    void helpIsOneFormatAndExitsZero() {
        assertEquals(0, execute(new Compare(), "--help"));
        assertTrue(out.toString().startsWith("Usage: compare [-hV]"), out.toString());
        assertTrue(out.toString().contains("--min-effect=E") && out.toString().contains("default 0.1"), out.toString());
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
    }
}
