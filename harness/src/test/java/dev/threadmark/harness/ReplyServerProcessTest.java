package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threadmark.workloads.ModelSettings;
import dev.threadmark.workloads.Models;
import dev.threadmark.workloads.SocketWorkload;
import dev.threadmark.workloads.ThreadModel;
import dev.threadmark.workloads.Workload;
import dev.threadmark.workloads.WorkloadSettings;
import dev.threadmark.workloads.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reply server as the sweep runs it: a real child process in the fixed JVM. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReplyServerProcessTest {

    private static Workload socketTo(ReplyServerProcess server) {
        return Workloads.create(SocketWorkload.NAME, new WorkloadSettings(Duration.ofMillis(10), 1,
                WorkloadSettings.DEFAULT_SPIN, Optional.of(server.addresses())));
    }

    @Test
    void servesEveryConnectionOneServiceTimeLater() throws Exception {
        int tasks = 500;
        Duration service = Duration.ofMillis(100);
        ReplyServerProcess server = ReplyServerProcess.start(service, List.of());
        try (server; ThreadModel virtual = Models.create("virtual", ModelSettings.defaults())) {
            assertEquals(ReplyServerProcess.ADDRESSES, server.addresses().addresses().size());
            Workload socket = socketTo(server);
            socket.open(tasks);
            long start = System.nanoTime();
            try {
                virtual.run(tasks, socket);
            } finally {
                socket.close();
            }
            long took = System.nanoTime() - start;
            assertTrue(took >= service.toNanos(), "replies came before their service time: " + took + " ns");
            assertTrue(took < service.multipliedBy(20).toNanos(), "500 concurrent replies took " + took + " ns");
            ReplyServerProcess.Load load = server.stop();
            assertEquals(tasks, load.requests(), "one reply per task");
            assertTrue(load.cpu().isPositive(), "the server's CPU time is measured: " + load.cpu());
            assertTrue(load.refusals().isEmpty(), load.refusals().toString());
            assertFalse(server.isAlive(), "stopped");
        }
    }

    /** A server the OS gives only 200 file descriptors says why it cannot accept more, in the OS's words. */
    @Test
    void whatTheOsRefusesTheServerIsReportedWithTheReason() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "needs prlimit");
        ReplyServerProcess server = ReplyServerProcess.start(Duration.ofMillis(1),
                List.of("/usr/bin/prlimit", "--nofile=200:200"));
        try (server) {
            Workload socket = socketTo(server);
            socket.open(400); // the kernel completes the connections; the server cannot accept them all
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (server.refusals().isEmpty() && System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                }
            } finally {
                socket.close();
            }
            List<String> refusals = server.stop().refusals();
            assertTrue(refusals.stream().anyMatch(r -> r.contains("Too many open files")), refusals.toString());
        }
        assertFalse(server.isAlive(), "killed on the way out");
    }
}
