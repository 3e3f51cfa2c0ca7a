package dev.threadmark.workloads;

import java.util.Optional;

/**
 * Real I/O: each task writes a small request on its own loopback TCP connection and waits for
 * the reply, which the {@link ReplyServer} (another process) sends one service time later — the
 * seeds' database call, for real. Ideal concurrency finishes N of them in one service time.
 *
 * <p>The connections are opened by {@link #open} before the timed operations, one per task; the
 * server's address comes from the sweep, which starts the server for the point with the run's
 * sleep as its service time. Every model runs the same {@link Connection#exchange}.
 */
public final class SocketWorkload implements Workload {
    public static final String NAME = "socket";
    /** The system property a benchmark fork finds the server's addresses in ({@link ServerAddresses} text). */
    public static final String SERVER_PROPERTY = "threadmark.socket.server";

    private final Optional<ServerAddresses> server;
    private ConnectionPool connections;

    SocketWorkload(Optional<ServerAddresses> server) {
        this.server = server;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void open(int tasks) {
        connections = ConnectionPool.open(server.orElseThrow(() -> new IllegalStateException(
                "the socket workload needs a running reply server: set -D" + SERVER_PROPERTY + "=host:port,...")),
                tasks);
    }

    @Override
    public void run() throws Exception {
        connections.take().exchange();
    }

    @Override
    public void close() {
        if (connections != null) {
            connections.close();
        }
    }
}
