package dev.threadmark.report;

import static dev.threadmark.report.Fixtures.failed;
import static dev.threadmark.report.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.Point;
import dev.threadmark.results.PointResult;
import dev.threadmark.results.ServerCsv;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Real I/O section and native-sleep beside blocking-sleep in the Blocking calls section. */
class RealIoAndNativeSleepTest {

    private static final List<PointResult> SOCKET = List.of(
            ok("virtual", "socket", 100, 11, 10.5, 11.5), ok("virtual", "socket", 1_000, 14, 13, 15),
            ok("user", "socket", 100, 12, 11.5, 12.5), ok("user", "socket", 1_000, 16, 15, 17),
            failed("user", "socket", 100_000, "CapacityExceededException: socket: could not open connection 19931 of "
                    + "100000 to /127.0.0.12:40001: java.net.SocketException: Too many open files"));

    @Test
    void realIoSaysWhatItMeasuresAndWhatTheServerSpent() {
        List<ServerCsv.Row> server = List.of(new ServerCsv.Row(new Point("socket", "virtual", 1_000), 600, 30_000, ""),
                new ServerCsv.Row(new Point("socket", "user", 1_000), 450, 30_000, ""));
        RunData run = new RunData("r", Fixtures.META, SOCKET, List.of(), new TreeMap<>(), List.of(), 0, List.of(), server);
        String s = RealIoSection.sentence(ReportModel.group(SOCKET).get("socket"), run);
        assertTrue(s.startsWith("Each task sends a small request over its own TCP connection to a server in another "
                + "process and waits for the reply, which the server sends 10 ms later"), s);
        assertTrue(s.contains("With 1k connections, virtual takes 14.0 ms (1.4 service times; server CPU 20.0 ms per "
                + "operation, 20 µs per request); user takes 16.0 ms (1.6 service times; server CPU 15.0 ms"), s);
        assertTrue(s.contains("Too many open files"), "the OS's reason for the first failed count: " + s);
        assertEquals(10, Ideal.ms("socket", 100_000, run), 1e-9, "the ideal is one service time");
    }

    @Test
    void nativeSleepSitsWithBlockingCallsAndHasTheHeldCarriersLine() {
        List<PointResult> points = List.of(ok("platform", "native-sleep", 100, 11, 10.5, 11.5),
                ok("virtual", "native-sleep", 100, 505, 500, 510), ok("user", "native-sleep", 100, 503, 500, 506));
        RunData run = Fixtures.run(points);
        String s = BlockingSection.nativeSentence(ReportModel.group(points).get("native-sleep"), run);
        assertTrue(s.startsWith("With 100 tasks each sleeping in libc's usleep through a native call, "), s);
        assertTrue(s.contains("virtual takes 505 ms (50.5 sleeps)"), s);
        assertTrue(s.contains("⌈N / 2⌉ sleeps"), s);
        assertEquals(500, Ideal.heldCarriersMs("native-sleep", 100, run), 1e-9);
        assertEquals(10, Ideal.ms("native-sleep", 100, run), 1e-9);
        Map<String, Object> model = ReportModel.build(List.of(run), new CollapseDetector(0.5));
        String text = model.toString();
        assertTrue(text.contains("Blocking calls: libc usleep of 10 ms in a native call"), "its section title");
    }

    /** server.csv is read when present; a run without it (older, or without socket points) reads as before. */
    @Test
    void serverFiguresAreReadBesideThePointsAndOptional(@TempDir Path dir) throws Exception {
        List<PointResult> points = List.of(ok("virtual", "socket", 100, 11, 10.5, 11.5));
        Path without = Fixtures.writeRun(dir.resolve("old"), points);
        assertTrue(RunReader.read(without).server().isEmpty());
        Path with = Fixtures.writeRun(dir.resolve("new"), points);
        try (Writer w = Files.newBufferedWriter(with.resolve(ServerCsv.FILE_NAME))) {
            ServerCsv.write(List.of(new ServerCsv.Row(new Point("socket", "virtual", 100), 30, 1_500, "")), w);
        }
        ServerCsv.Row row = RunReader.read(with).server().getFirst();
        assertEquals(2, row.cpuMsPerOperation(), 1e-9, "30 ms over 1 500 requests, 100 per operation");
        assertEquals(20, row.cpuMicrosPerRequest(), 1e-9);
    }
}
