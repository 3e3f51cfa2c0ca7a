package dev.threadmark.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code socket} workload on every model, against a {@link ReplyServer} on a thread of this
 * JVM (the sweep runs it as its own process; {@code ReplyServerProcessTest} checks that).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketWorkloadTest {

    /** A reply server on a platform thread of this JVM, for one test. */
    private record LocalServer(ReplyServer server, Thread thread) implements AutoCloseable {
        static LocalServer start(Duration service) throws Exception {
            ReplyServer server = new ReplyServer(service, 2);
            Thread thread = Thread.ofPlatform().name("reply-server").start(() -> {
                try {
                    server.serve();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return new LocalServer(server, thread);
        }

        Workload workload() throws Exception {
            return Workloads.create(SocketWorkload.NAME, new WorkloadSettings(Duration.ofMillis(10), 1,
                    WorkloadSettings.DEFAULT_SPIN, Optional.of(server.addresses())));
        }

        /** Stops the server and returns how many replies it sent. */
        long stop() throws InterruptedException {
            server.stop();
            thread.join();
            return server.served();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    static Iterable<String> models() {
        return Models.names();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyModelCompletesEveryExchange(String name) throws Exception {
        int tasks = 300;
        int rounds = 3;
        try (LocalServer server = LocalServer.start(Duration.ofMillis(20));
                ThreadModel model = Models.create(name, ModelSettings.defaults().withPoolSize(50).withWorkers(2))) {
            Workload socket = server.workload();
            socket.open(tasks);
            try {
                for (int r = 0; r < rounds; r++) {
                    long start = System.nanoTime();
                    model.run(tasks, socket);
                    long took = System.nanoTime() - start;
                    assertTrue(took >= Duration.ofMillis(20).toNanos(), "a reply came before its service time: " + took);
                }
            } finally {
                socket.close();
            }
            assertEquals((long) tasks * rounds, server.stop(), "one reply per task");
        }
    }

    /**
     * 50 tasks whose replies take 100 ms, on 2 carriers: waiting in the netpoller they overlap
     * (about one service time); a carrier blocked in a read would make it 25 service times.
     */
    @ParameterizedTest
    @ValueSource(strings = {"user", "virtual"})
    void waitingForARepliesDoesNotHoldACarrier(String name) throws Exception {
        int tasks = 50;
        Duration service = Duration.ofMillis(100);
        try (LocalServer server = LocalServer.start(service);
                ThreadModel model = Models.create(name, ModelSettings.defaults().withWorkers(2))) {
            Workload socket = server.workload();
            socket.open(tasks);
            long best = Long.MAX_VALUE;
            try {
                for (int r = 0; r < 3; r++) { // the best of 3: the first one compiles, the machine is shared
                    long start = System.nanoTime();
                    model.run(tasks, socket);
                    best = Math.min(best, System.nanoTime() - start);
                }
            } finally {
                socket.close();
            }
            assertTrue(best >= service.toNanos(), "faster than the service time: " + best);
            assertTrue(best < service.multipliedBy(5).toNanos(), "50 replies of 100 ms on 2 carriers took "
                    + best / 1_000_000 + " ms: carriers were blocked (25 service times would be 2 500 ms)");
        }
    }

    @Test
    void withoutAServerTheWorkloadSaysWhatItNeeds() {
        Workload socket = Workloads.create(SocketWorkload.NAME, new WorkloadSettings(Duration.ofMillis(10), 1,
                WorkloadSettings.DEFAULT_SPIN));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> socket.open(1));
        assertTrue(e.getMessage().contains(SocketWorkload.SERVER_PROPERTY), e.getMessage());
    }

    @Test
    void serverAddressesRoundTripThroughText() {
        ServerAddresses a = ServerAddresses.parse("127.0.0.1:4000,127.0.0.2:4001");
        assertEquals("127.0.0.1:4000,127.0.0.2:4001", a.toString());
        assertEquals(4001, a.forConnection(3).getPort(), "round-robin");
    }
}
