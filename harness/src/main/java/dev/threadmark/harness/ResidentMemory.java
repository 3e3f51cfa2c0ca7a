package dev.threadmark.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set size, {@code VmRSS} of {@code /proc/self/status} (Linux): every page
 * of the process that is in RAM, heap and native memory alike. The kernel prints it in kB.
 */
record ResidentMemory(long bytes) {
    static final Path SELF = Path.of("/proc/self/status");

    static ResidentMemory read() throws IOException {
        return parse(Files.readString(SELF), SELF.toString());
    }

    /** The {@code VmRSS:} line of a status file; anything else fails naming the source and the line. */
    static ResidentMemory parse(String status, String source) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB") || !parts[0].matches("\\d{1,15}")) {
                    throw new IllegalArgumentException(source + ": malformed VmRSS line '" + line.strip()
                            + "', expected 'VmRSS: <number> kB'");
                }
                return new ResidentMemory(Long.parseLong(parts[0]) * 1024);
            }
        }
        throw new IllegalArgumentException(source + ": no VmRSS line (is this Linux's /proc/<pid>/status?)");
    }
}
