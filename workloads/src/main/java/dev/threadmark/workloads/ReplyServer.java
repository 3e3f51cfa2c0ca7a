package dev.threadmark.workloads;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The other end of the {@code socket} workload, run as its own process so that its threads and
 * its garbage stay out of the measured JVM: for every request of {@value #REQUEST_BYTES} bytes it
 * sends a reply of {@value #REPLY_BYTES} bytes one service time later — the seeds' database call,
 * over a real loopback TCP connection.
 *
 * <p>Event-driven, one thread: a {@link Selector} over every listening and accepted socket, and a
 * FIFO of replies due. Every request waits the same service time, so replies fall due in the
 * order their requests arrived and a queue is a timer heap's equal at O(1). The selector waits
 * until the earliest reply is due. It listens on {@code --addresses K} loopback addresses
 * (127.0.0.1 … 127.0.0.K, one port each) so that clients spread their connections over K
 * destinations: the kernel's ~28k ephemeral ports are per destination, so a million connections
 * need at least 36.
 *
 * <p>Protocol with its parent: once listening it prints {@code listening <addresses>}; when the
 * OS refuses it a connection (file descriptors, memory) it prints {@code refused: <reason>} once
 * per distinct reason and stops accepting for {@link #ACCEPT_PAUSE} (the pending connection would
 * otherwise be reported again at once); when its standard input ends — the parent closed it, or
 * died — it prints {@code served <requests> requests} and exits.
 */
public final class ReplyServer {
    public static final int REQUEST_BYTES = 32;
    public static final int REPLY_BYTES = 64;
    public static final String LISTENING = "listening ";
    public static final String REFUSED = "refused: ";
    public static final String SERVED = "served ";
    /** The kernel caps a listen backlog at net.core.somaxconn (4096 by default); ask for that much. */
    private static final int BACKLOG = 4096;
    private static final Duration ACCEPT_PAUSE = Duration.ofMillis(50);
    private static final ByteBuffer REPLY = ByteBuffer.allocateDirect(REPLY_BYTES).asReadOnlyBuffer();

    private final Selector selector;
    private final long serviceNanos;
    private final List<SelectionKey> listeners = new ArrayList<>();
    private final ArrayDeque<Due> due = new ArrayDeque<>();
    private final Set<String> refusals = new HashSet<>();
    private volatile boolean running = true;
    private long acceptPausedUntil;
    private long served;

    /** A reply to send at {@code atNanos}. */
    private record Due(Client client, long atNanos) {}

    /** One accepted connection: the request being read, and what is left of a reply that did not fit. */
    private static final class Client {
        final SocketChannel channel;
        final ByteBuffer request = ByteBuffer.allocate(REQUEST_BYTES);
        ByteBuffer unsent;
        SelectionKey key;

        Client(SocketChannel channel) {
            this.channel = channel;
        }
    }

    ReplyServer(Duration service, int addresses) throws IOException {
        selector = Selector.open();
        serviceNanos = service.toNanos();
        for (int i = 1; i <= addresses; i++) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0." + i, 0), BACKLOG);
            server.configureBlocking(false);
            listeners.add(server.register(selector, SelectionKey.OP_ACCEPT));
        }
    }

    ServerAddresses addresses() throws IOException {
        List<InetSocketAddress> bound = new ArrayList<>();
        for (SelectionKey k : listeners) {
            bound.add((InetSocketAddress) ((ServerSocketChannel) k.channel()).getLocalAddress());
        }
        return new ServerAddresses(bound);
    }

    /** usage: ReplyServer --service-ms D --addresses K */
    public static void main(String[] args) throws Exception {
        long serviceMs = 10;
        int addresses = 8;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--service-ms" -> serviceMs = Long.parseLong(args[i + 1]);
                case "--addresses" -> addresses = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ReplyServer server = new ReplyServer(Duration.ofMillis(serviceMs), addresses);
        Thread.ofPlatform().daemon().name("stdin-watch").start(() -> server.stopAtEndOf(System.in));
        System.out.println(LISTENING + server.addresses());
        System.out.flush();
        server.serve();
        System.out.println(SERVED + server.served() + " requests");
        System.out.flush();
        System.exit(0); // do not wait for clients to close: the parent is done with us
    }

    private void stopAtEndOf(InputStream in) {
        try {
            while (in.read() >= 0) {
                // anything the parent writes is ignored; only the end counts
            }
        } catch (IOException ignored) {
            // a broken pipe is an end too
        }
        stop();
    }

    /** Makes {@link #serve} return; callable from any thread. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    long served() {
        return served;
    }

    void serve() throws IOException {
        while (running) {
            long timeoutMs = timeoutMs(System.nanoTime());
            if (timeoutMs < 0) {
                selector.selectNow(this::handle);
            } else {
                selector.select(this::handle, timeoutMs);
            }
            long now = System.nanoTime();
            while (!due.isEmpty() && due.peekFirst().atNanos - now <= 0) {
                reply(due.pollFirst().client);
            }
            if (acceptPausedUntil != 0 && acceptPausedUntil - now <= 0) {
                acceptPausedUntil = 0;
                listeners.forEach(k -> k.interestOps(SelectionKey.OP_ACCEPT));
            }
        }
    }

    /** Until the next reply is due or accepting resumes: -1 for now, 0 for no limit, else milliseconds (rounded up). */
    private long timeoutMs(long now) {
        long left = Long.MAX_VALUE;
        if (!due.isEmpty()) {
            left = due.peekFirst().atNanos - now;
        }
        if (acceptPausedUntil != 0) {
            left = Math.min(left, acceptPausedUntil - now);
        }
        return left == Long.MAX_VALUE ? 0 : left <= 0 ? -1 : Math.max(1, (left + 999_999) / 1_000_000);
    }

    private void handle(SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                accept((ServerSocketChannel) key.channel());
                return;
            }
            Client client = (Client) key.attachment();
            if (key.isWritable()) {
                flush(client);
            }
            if (key.isValid() && key.isReadable()) {
                read(client);
            }
        } catch (CancelledKeyException closed) {
            // closed while handled
        }
    }

    private void accept(ServerSocketChannel server) {
        while (true) {
            SocketChannel channel = null;
            try {
                channel = server.accept();
                if (channel == null) {
                    return;
                }
                channel.configureBlocking(false);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                Client client = new Client(channel);
                client.key = channel.register(selector, SelectionKey.OP_READ, client);
            } catch (IOException refused) {
                if (channel != null) {
                    close(new Client(channel));
                }
                refuse(refused);
                return;
            }
        }
    }

    /** The OS said no (too many open files, no memory): say why once, and let the backlog wait. */
    private void refuse(IOException e) {
        String reason = String.valueOf(e.getMessage());
        if (refusals.add(reason)) {
            System.out.println(REFUSED + e.getClass().getSimpleName() + ": " + reason);
            System.out.flush();
        }
        listeners.forEach(k -> k.interestOps(0));
        acceptPausedUntil = System.nanoTime() + ACCEPT_PAUSE.toNanos();
    }

    private void read(Client client) {
        try {
            while (true) {
                int n = client.channel.read(client.request);
                if (n < 0) {
                    close(client);
                    return;
                }
                if (!client.request.hasRemaining()) {
                    client.request.clear();
                    due.addLast(new Due(client, System.nanoTime() + serviceNanos));
                } else if (n == 0) {
                    return;
                }
            }
        } catch (IOException e) {
            close(client);
        }
    }

    private void reply(Client client) {
        if (!client.channel.isOpen()) {
            return;
        }
        served++;
        if (client.unsent != null) { // an earlier reply is still going out: this one follows it
            ByteBuffer both = ByteBuffer.allocate(client.unsent.remaining() + REPLY_BYTES);
            client.unsent = both.put(client.unsent).put(REPLY.duplicate()).flip();
            return;
        }
        client.unsent = REPLY.duplicate();
        flush(client);
    }

    private void flush(Client client) {
        try {
            client.channel.write(client.unsent);
            if (client.unsent.hasRemaining()) {
                client.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                client.unsent = null;
                client.key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            close(client);
        }
    }

    private static void close(Client client) {
        try {
            client.channel.close();
        } catch (IOException ignored) {
            // closing a broken connection; nothing to report
        }
    }
}
