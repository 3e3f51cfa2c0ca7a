package dev.threadmark.workloads;

import dev.threadmark.userthreads.Fiber;
import dev.threadmark.userthreads.NetPoller;
import dev.threadmark.userthreads.PolledChannel;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One TCP connection to the {@link ReplyServer}, and the one way workloads do I/O on it, as
 * {@link Pause} is the one way they wait. {@link #exchange} writes a request and blocks until the
 * whole reply has arrived. On a platform or virtual thread that is a plain blocking
 * {@link SocketChannel} (a virtual thread parks on Loom's poller inside the read); on one of our
 * user threads the channel is made non-blocking and registered with the {@link NetPoller} the
 * first time a fiber uses it, and the fiber parks instead of blocking its carrier.
 *
 * <p>Request and reply buffers belong to the connection (direct slices of the pool's memory),
 * so a task allocates nothing and no model pays for the JDK's temporary direct-buffer copies.
 * Used by one task at a time.
 */
public final class Connection implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer request;
    private final ByteBuffer reply;
    /** The channel as fibers use it; null until a fiber first does. */
    private PolledChannel polled;

    Connection(SocketChannel channel, ByteBuffer request, ByteBuffer reply) {
        this.channel = channel;
        this.request = request;
        this.reply = reply;
    }

    /** Connects in blocking mode; {@code request} and {@code reply} are this connection's own buffers. */
    static Connection open(InetSocketAddress server, ByteBuffer request, ByteBuffer reply) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(server);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new Connection(channel, request, reply);
    }

    /** Sends one request and waits for its whole reply. */
    public void exchange() throws IOException {
        request.clear();
        reply.clear();
        if (Fiber.current() != null) {
            PolledChannel p = polled();
            p.writeFully(request, Duration.ZERO);
            p.readFully(reply, Duration.ZERO);
            return;
        }
        if (polled != null) {
            throw new IllegalStateException("a connection a fiber has used is non-blocking; threads cannot use it");
        }
        while (request.hasRemaining()) {
            channel.write(request);
        }
        while (reply.hasRemaining()) {
            if (channel.read(reply) < 0) {
                throw new EOFException("the reply server closed the connection with " + reply.remaining()
                        + " bytes of the reply unread");
            }
        }
    }

    private PolledChannel polled() throws IOException {
        if (polled == null) {
            polled = NetPoller.shared().register(channel);
        }
        return polled;
    }

    @Override
    public void close() throws IOException {
        if (polled != null) {
            polled.close();
        } else {
            channel.close();
        }
    }
}
