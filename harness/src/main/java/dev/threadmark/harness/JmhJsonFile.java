package dev.threadmark.harness;

import dev.threadmark.results.RunDirectory;
import java.io.IOException;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/** Writes a run's {@code jmh.json} with JMH's own formatter, atomically like every file of the run. */
final class JmhJsonFile {
    private JmhJsonFile() {}

    static void write(RunDirectory dir, Collection<RunResult> results) throws IOException {
        dir.replace(RunDirectory.JMH_JSON,
                tmp -> ResultFormatFactory.getInstance(ResultFormatType.JSON, tmp.toString()).writeOut(results));
    }
}
