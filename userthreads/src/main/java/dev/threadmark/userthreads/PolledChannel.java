package dev.threadmark.userthreads;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A non-blocking socket that fibers read and write as if it blocked: when the kernel has nothing
 * to give (or no room to take), the fiber parks until the {@link NetPoller} reports the socket
 * ready, its timeout passes, or the channel is closed. Go's {@code pollDesc}. The wait protocol
 * and why it loses no wake-up are told at the head of {@link NetPoller}; this class holds the
 * waiter's side of it ({@link #await}) and the wakers' entry points.
 *
 * <p>One fiber at a time may use a channel; reads and writes are called from fibers only.
 */
public final class PolledChannel implements AutoCloseable {
    private final NetPoller poller;
    private final SocketChannel channel;
    SelectionKey key;

    /** The fiber parked (or about to park) on this channel; null between waits. */
    private volatile Fiber waiter;
    /** Set by the poller when the armed interest fired; cleared by the waiter before it arms. */
    private volatile boolean ready;
    private volatile boolean closed;
    /** The wait whose deadline has expired; compared with {@link #waitId} so no later wait is hit. */
    private volatile long timedOutWait = -1;
    /** Numbers the waits; written by the one waiting fiber only. */
    private volatile long waitId;

    PolledChannel(NetPoller poller, SocketChannel channel) {
        this.poller = poller;
        this.channel = channel;
    }

    public SocketChannel channel() {
        return channel;
    }

    /**
     * Reads until {@code dst} is full.
     *
     * @param timeout how long each wait for data may last; zero for no limit
     * @throws EOFException when the peer closed the connection first
     * @throws SocketTimeoutException when no data came within {@code timeout}
     * @throws AsynchronousCloseException when the channel was closed while the fiber waited
     */
    public void readFully(ByteBuffer dst, Duration timeout) throws IOException {
        while (dst.hasRemaining()) {
            int n = channel.read(dst);
            if (n < 0) {
                throw new EOFException("connection closed by the peer with " + dst.remaining() + " bytes unread");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, timeout);
            }
        }
    }

    /** Writes all of {@code src}, waiting for room in the send buffer when it is full. */
    public void writeFully(ByteBuffer src, Duration timeout) throws IOException {
        while (src.hasRemaining()) {
            if (channel.write(src) == 0) {
                await(SelectionKey.OP_WRITE, timeout);
            }
        }
    }

    /** Step 1 and 3 of the protocol in {@link NetPoller}: publish, clear, arm, park until something happened. */
    private void await(int ops, Duration timeout) throws IOException {
        Fiber me = Fiber.current();
        if (me == null) {
            throw new IllegalStateException("a PolledChannel is waited on by fibers only; this is " + Thread.currentThread());
        }
        long id = waitId + 1;
        waitId = id;
        waiter = me;
        ready = false;
        if (closed) {
            waiter = null;
            throw new AsynchronousCloseException();
        }
        poller.arm(this, ops, id, timeout);
        try {
            while (!ready && !closed && timedOutWait != id) {
                Fiber.park();
            }
        } finally {
            waiter = null;
        }
        if (closed) {
            throw new AsynchronousCloseException();
        }
        if (!ready && timedOutWait == id) {
            throw new SocketTimeoutException("no " + (ops == SelectionKey.OP_READ ? "data" : "room to write")
                    + " within " + timeout.toMillis() + " ms");
        }
    }

    /** Step 2, from the poller thread: the armed interest fired. */
    void signalReady() {
        ready = true;
        wake();
    }

    /** From the poller thread: the deadline of wait {@code id} has passed. */
    void signalTimeout(long id) {
        timedOutWait = id;
        wake();
    }

    private void wake() {
        Fiber w = waiter;
        if (w != null) {
            w.unpark();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket and wakes its waiter, which then fails with
     * {@link AsynchronousCloseException}. Callable from any thread, any number of times.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        wake();
        try {
            channel.close();
        } finally {
            poller.closed();
        }
    }
}
