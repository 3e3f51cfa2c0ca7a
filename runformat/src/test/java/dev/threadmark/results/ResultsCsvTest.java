package dev.threadmark.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {
    private static final RunParameters PARAMS = new RunParameters(10, 5300, 200, 2);

    @Test
    void roundTripsMeasuredAndFailedPoints() throws Exception {
        List<PointResult> written = List.of(
                new PointResult(new Point("sleep", "virtual", 1000), PARAMS, 10.52, 0.31, 10.21, 10.83, "ms/op", 6,
                        PointStatus.OK, "", new GcFigures(1234.5, 0.25)),
                PointResult.notMeasured(new Point("sleep", "platform", 100_000), PARAMS, PointStatus.FAILED,
                        "CapacityExceededException: platform: could not start task 32001, of \"100000\""),
                PointResult.notMeasured(new Point("spin", "platform-pool", 1_000_000), PARAMS, PointStatus.OVER_BUDGET,
                        "=HYPERLINK(\"http://x\")"));
        StringWriter out = new StringWriter();
        ResultsCsv.write(written, out);

        assertTrue(out.toString().contains(",\"'=HYPERLINK"), "formula cell neutralised: " + out);
        List<PointResult> read = ResultsCsv.read(new StringReader(out.toString()), "test.csv");
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(written.get(i), read.get(i), "row " + i);
        }
    }

    @Test
    void runsFromBeforeTheGcColumnsAreReadWithoutGcFigures() throws Exception {
        String old = "model,workload,tasks,sleep_ms,spin_tokens,pool_size,workers,score,error,ci_low,ci_high,unit,"
                + "samples,status,reason\nvirtual,sleep,10,10,5300,200,2,10.5,0.3,10.2,10.8,ms/op,6,OK,\n";
        PointResult p = ResultsCsv.read(new StringReader(old), "old.csv").getFirst();
        assertEquals(10.5, p.score());
        assertEquals(GcFigures.NONE, p.gc());
    }

    @Test
    void foreignCsvIsRejectedWithFileName() {
        MalformedResultsException e = assertThrows(MalformedResultsException.class,
                () -> ResultsCsv.read(new StringReader("a,b\n1,2\n"), "other.csv"));
        assertTrue(e.getMessage().startsWith("other.csv: not a threadmark points CSV"), e.getMessage());
    }

    @Test
    void badRowNamesItsLine() throws Exception {
        StringWriter out = new StringWriter();
        ResultsCsv.write(List.of(new PointResult(new Point("sleep", "virtual", 1), PARAMS, 10, 1, 9, 11, "ms/op", 3,
                PointStatus.OK, "")), out);
        String broken = out + "virtual,sleep,ten,10,5300,200,2,1,1,1,1,ms/op,3,OK,,,\n";
        MalformedResultsException e = assertThrows(MalformedResultsException.class,
                () -> ResultsCsv.read(new StringReader(broken), "run/points.csv"));
        assertTrue(e.getMessage().startsWith("run/points.csv line 3: "), e.getMessage());
    }
}
