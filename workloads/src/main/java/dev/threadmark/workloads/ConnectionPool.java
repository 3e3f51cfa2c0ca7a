package dev.threadmark.workloads;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connections of a {@code socket} point, opened before any operation is timed: one per task.
 *
 * <p>{@link #take} hands out connections by one shared counter modulo their number. An operation
 * runs exactly as many tasks as there are connections and waits for all of them before the next
 * starts, so its takes are {@code size} consecutive counter values — every task gets a
 * connection of its own, on every model, with one atomic increment.
 */
final class ConnectionPool implements AutoCloseable {
    private final Connection[] connections;
    private final AtomicLong next = new AtomicLong();

    private ConnectionPool(Connection[] connections) {
        this.connections = connections;
    }

    /**
     * Opens {@code count} connections, round-robin over the server's addresses.
     *
     * @throws CapacityExceededException when the OS refuses one (file descriptors, ports, memory),
     *         with the OS's reason; the connections already open are closed
     */
    static ConnectionPool open(ServerAddresses server, int count) {
        int slot = ReplyServer.REQUEST_BYTES + ReplyServer.REPLY_BYTES; // one connection's request, then its reply
        ByteBuffer memory = ByteBuffer.allocateDirect(count * slot);
        Connection[] connections = new Connection[count];
        int i = 0;
        try {
            for (; i < count; i++) {
                ByteBuffer request = memory.slice(i * slot, ReplyServer.REQUEST_BYTES);
                ByteBuffer reply = memory.slice(i * slot + ReplyServer.REQUEST_BYTES, ReplyServer.REPLY_BYTES);
                connections[i] = Connection.open(server.forConnection(i), request, reply);
            }
        } catch (IOException e) {
            closeAll(connections, i);
            throw new CapacityExceededException("socket: could not open connection " + (i + 1) + " of " + count
                    + " to " + server.forConnection(i) + ": " + e, e);
        }
        return new ConnectionPool(connections);
    }

    Connection take() {
        return connections[(int) (next.getAndIncrement() % connections.length)];
    }

    @Override
    public void close() {
        closeAll(connections, connections.length);
    }

    private static void closeAll(Connection[] connections, int opened) {
        for (int i = 0; i < opened; i++) {
            try {
                connections[i].close();
            } catch (IOException ignored) {
                // closing: the server sees the end either way
            }
        }
    }
}
