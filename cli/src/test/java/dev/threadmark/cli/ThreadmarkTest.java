package dev.threadmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ThreadmarkTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cl = Threadmark.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void helpListsEverySubcommand() {
        assertEquals(0, execute("--help"));
        for (String command : new String[] {"sweep", "report", "ab", "compare", "nightly", "history", "footprint"}) {
            assertTrue(out.toString().contains("  " + command + " "), command + " in " + out);
        }
    }

    @Test
    void aSubcommandsHelpIsItsModulesCommand() {
        assertEquals(0, execute("report", "--help"));
        assertTrue(out.toString().startsWith("Usage: threadmark report [-hV]"), out.toString());
        assertTrue(out.toString().contains("--threshold=EFFICIENCY"), out.toString());
        assertEquals(0, execute("sweep", "--help"));
        assertTrue(out.toString().contains("--forks=N"), out.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, execute());
        assertTrue(err.toString().contains("a command is needed"), err.toString());
        assertEquals(2, execute("reprot"));
        assertEquals(2, execute("sweep", "--forks", "0"));
        assertTrue(err.toString().contains("--forks must be at least 1, got 0"), err.toString());
        assertEquals(2, execute("nightly", "--keep", "0", "."));
        assertTrue(err.toString().contains("--keep must be at least 2"), err.toString());
    }
}
