package dev.threadmark.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process with a real timeout: its output goes to a temporary file, not a pipe, so a
 * child that hangs (or fills a pipe nobody reads) cannot stall us. The wait is bounded; a child
 * still running at the end of it is killed, with its descendants.
 *
 * @param exitCode the child's exit code; meaningless when {@code timedOut}
 * @param output   stdout and stderr, interleaved as the child wrote them
 */
record Subprocess(int exitCode, boolean timedOut, String output) {

    static Subprocess run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("threadmark-child", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean finished;
            try {
                finished = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                if (p.isAlive()) { // timed out, or we were interrupted: leave nothing running
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            return new Subprocess(finished ? p.exitValue() : -1, !finished, text);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The child's last line of output: where a probe prints its result or its error. */
    String lastLine() {
        return output.lines().reduce((a, b) -> b).orElse("no output");
    }

    /** Why the child did not succeed, in a few words. */
    String failure(Duration timeout) {
        return timedOut ? "killed after " + Durations.format(timeout) + " without finishing; last output: " + lastLine()
                : "exit code " + exitCode + ": " + lastLine();
    }
}
