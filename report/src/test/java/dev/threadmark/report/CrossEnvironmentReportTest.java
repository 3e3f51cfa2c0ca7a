package dev.threadmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.RunMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly workflow's merge step: each matrix cell's newest run, rendered side by side by
 * {@code report RUN_DIR...}. Each run must say which environment it came from, or the reader
 * cannot tell the x64 cell's charts from the arm64 cell's.
 */
class CrossEnvironmentReportTest {
    @TempDir
    Path tmp;

    @Test
    void eachRunIsTitledWithItsEnvironment() throws Exception {
        Path x64 = environment("x64", Map.of("machine.cores", "4", "machine.os", "Linux 6.8.0-1017-azure amd64",
                "jdk.version", "25.0.3", "jdk.vendor", "Eclipse Adoptium"));
        Path arm = environment("arm64", Map.of("machine.cores", "4", "machine.os", "Linux 6.8.0-1021-azure aarch64",
                "jdk.version", "25.0.3", "jdk.vendor", "Eclipse Adoptium"));
        Path big = environment("big", Map.of("machine.cores", "64", "machine.os", "Linux 6.11.0-2 amd64",
                "jdk.version", "26-ea", "jdk.vendor", "Oracle Corporation"));

        String html = Files.readString(Report.run(x64.toString(), arm.toString(), big.toString(),
                "-o", tmp.resolve("cross.html").toString()));

        assertTrue(html.contains("<h1>threadmark — 3 runs side by side, 3 environments</h1>"), html);
        for (String label : new String[] {"4 cores · Linux amd64 · JDK 25.0.3 (Eclipse Adoptium)",
                "4 cores · Linux aarch64 · JDK 25.0.3 (Eclipse Adoptium)",
                "64 cores · Linux amd64 · JDK 26-ea (Oracle Corporation)"}) {
            assertEquals(1, count(html, "<h2 class=\"run-title\">" + label + " "), label + " titles exactly one run");
        }
        assertTrue(html.indexOf("aarch64") < html.indexOf("64 cores"), "in the order given");
    }

    /** A copy of one run with its run.properties changed, as a matrix cell on another runner would write it. */
    private Path environment(String name, Map<String, String> changes) throws Exception {
        Path dir = Fixtures.writeRun(tmp.resolve(name), Fixtures.sweep());
        RunMetadata metadata = RunMetadata.read(dir.resolve(RunMetadata.FILE_NAME));
        changes.forEach(metadata::put);
        metadata.put("run.id", name);
        metadata.writeTo(dir.resolve(RunMetadata.FILE_NAME));
        return dir;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
