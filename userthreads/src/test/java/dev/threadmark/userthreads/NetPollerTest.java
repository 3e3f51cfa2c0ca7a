package dev.threadmark.userthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The netpoller under stress: every test would hang (and hit its timeout) on a lost wake-up.
 * Fibers record what they saw; the test thread asserts on it after they are done.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetPollerTest {
    private NetPoller poller;
    private ServerSocketChannel listener;
    private final List<SocketChannel> opened = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        poller = new NetPoller();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 4096);
    }

    @AfterEach
    void close() throws Exception {
        for (SocketChannel c : opened) {
            c.close();
        }
        listener.close();
        poller.close();
    }

    /** A connected pair: [0] for fibers (registered with the poller), [1] the blocking far end. */
    private record Pair(PolledChannel near, SocketChannel far) {}

    private Pair pair() throws IOException {
        SocketChannel near = SocketChannel.open(listener.getLocalAddress());
        SocketChannel far = listener.accept();
        opened.add(near);
        opened.add(far);
        return new Pair(poller.register(near), far);
    }

    private static ByteBuffer bytes(int value) {
        return ByteBuffer.allocate(4).putInt(0, value);
    }

    @Test
    void manySocketsEachWokenByItsOwnData() throws Exception {
        int n = 1_000;
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(pair());
        }
        AtomicReferenceArray<Object> seen = new AtomicReferenceArray<>(n);
        CountDownLatch done = new CountDownLatch(n);
        try (Scheduler s = new Scheduler(2)) {
            for (int i = 0; i < n; i++) {
                int id = i;
                s.spawn(() -> {
                    try {
                        ByteBuffer in = ByteBuffer.allocate(4);
                        pairs.get(id).near().readFully(in, Duration.ZERO);
                        seen.set(id, in.getInt(0));
                    } catch (Throwable t) {
                        seen.set(id, t);
                    } finally {
                        done.countDown();
                    }
                });
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            Collections.shuffle(order);
            for (int i : order) {
                pairs.get(i).far().write(bytes(i));
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "fibers still waiting: " + done.getCount());
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, seen.get(i), "fiber " + i);
        }
    }

    /** Ping-pong: the data lands while the fiber is between its failed read and its park, again and again. */
    @Test
    void wakeUpsRacingParks() throws Exception {
        int pairs = 8;
        int rounds = 3_000;
        List<Pair> list = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            list.add(pair());
        }
        AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(pairs);
        CountDownLatch done = new CountDownLatch(pairs);
        try (Scheduler s = new Scheduler(2)) {
            for (int i = 0; i < pairs; i++) {
                PolledChannel near = list.get(i).near();
                int id = i;
                s.spawn(() -> {
                    try {
                        ByteBuffer b = ByteBuffer.allocate(1);
                        for (int r = 0; r < rounds; r++) {
                            near.readFully(b.clear(), Duration.ZERO);
                            near.writeFully(b.flip(), Duration.ZERO);
                        }
                    } catch (Throwable t) {
                        failures.set(id, t);
                    } finally {
                        done.countDown();
                    }
                });
            }
            List<Thread> echoes = new ArrayList<>();
            for (Pair p : list) {
                echoes.add(Thread.ofPlatform().start(() -> {
                    ByteBuffer b = ByteBuffer.allocate(1);
                    try {
                        for (int r = 0; r < rounds; r++) {
                            p.far().write(b.clear().put(0, (byte) r));
                            b.clear();
                            while (b.hasRemaining()) {
                                p.far().read(b);
                            }
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            assertTrue(done.await(45, TimeUnit.SECONDS), "a wake-up was lost: " + done.getCount() + " fibers waiting");
            for (Thread t : echoes) {
                t.join();
            }
        }
        for (int i = 0; i < pairs; i++) {
            assertNull(failures.get(i), "pair " + i);
        }
    }

    /** A close at any moment of a read — before, during the arm, while parked — wakes the reader with an error. */
    @RepeatedTest(3)
    void closesRacingReads() throws Exception {
        int n = 300;
        List<Pair> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(pair());
        }
        AtomicReferenceArray<Throwable> outcome = new AtomicReferenceArray<>(n);
        CountDownLatch done = new CountDownLatch(n);
        try (Scheduler s = new Scheduler(2)) {
            for (int i = 0; i < n; i++) {
                PolledChannel near = list.get(i).near();
                int id = i;
                s.spawn(() -> {
                    try {
                        near.readFully(ByteBuffer.allocate(1), Duration.ZERO); // no data ever comes
                    } catch (Throwable t) {
                        outcome.set(id, t);
                    } finally {
                        done.countDown();
                    }
                });
            }
            for (int i = 0; i < n; i++) {
                for (int spin = ThreadLocalRandom.current().nextInt(2_000); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                list.get(i).near().close();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "closed channels whose readers still wait: " + done.getCount());
        }
        for (int i = 0; i < n; i++) {
            Throwable t = outcome.get(i);
            assertTrue(t instanceof AsynchronousCloseException || t instanceof ClosedChannelException,
                    "reader " + i + " ended with " + t);
        }
    }

    @Test
    void aPeerThatClosesWakesTheReaderWithEof() throws Exception {
        Pair p = pair();
        Throwable[] outcome = new Throwable[1];
        CountDownLatch done = new CountDownLatch(1);
        try (Scheduler s = new Scheduler(1)) {
            s.spawn(() -> {
                try {
                    p.near().readFully(ByteBuffer.allocate(8), Duration.ZERO);
                } catch (Throwable t) {
                    outcome[0] = t;
                } finally {
                    done.countDown();
                }
            });
            p.far().write(bytes(7));
            p.far().close();
            assertTrue(done.await(10, TimeUnit.SECONDS));
        }
        assertInstanceOf(EOFException.class, outcome[0]);
    }

    /**
     * A read times out after its timeout and not before; a deadline that belonged to an earlier,
     * satisfied wait does not time out a later wait on the same channel.
     */
    @Test
    void timeoutsEndTheirOwnWaitOnly() throws Exception {
        Pair p = pair();
        Object[] outcome = new Object[3];
        long[] waited = new long[1];
        CountDownLatch firstTimedOut = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try (Scheduler s = new Scheduler(1)) {
            s.spawn(() -> {
                try {
                    long start = System.nanoTime();
                    try {
                        p.near().readFully(ByteBuffer.allocate(4), Duration.ofMillis(50));
                    } catch (SocketTimeoutException expected) {
                        outcome[0] = expected;
                    }
                    waited[0] = System.nanoTime() - start;
                    firstTimedOut.countDown();
                    ByteBuffer in = ByteBuffer.allocate(4);
                    p.near().readFully(in, Duration.ofMillis(200)); // data comes at once: its deadline stays armed
                    outcome[1] = in.getInt(0);
                    in.clear();
                    secondWaiting.countDown();
                    p.near().readFully(in, Duration.ZERO); // no deadline: must outlive the 200 ms one above
                    outcome[2] = in.getInt(0);
                } catch (Throwable t) {
                    outcome[2] = t;
                } finally {
                    done.countDown();
                }
            });
            assertTrue(firstTimedOut.await(10, TimeUnit.SECONDS));
            p.far().write(bytes(1));
            assertTrue(secondWaiting.await(10, TimeUnit.SECONDS));
            assertTrue(!done.await(400, TimeUnit.MILLISECONDS), "the third read ended before any data: " + outcome[2]);
            p.far().write(bytes(2));
            assertTrue(done.await(10, TimeUnit.SECONDS));
        }
        assertInstanceOf(SocketTimeoutException.class, outcome[0]);
        assertTrue(waited[0] >= Duration.ofMillis(50).toNanos(), "timed out early: " + waited[0] + " ns");
        assertEquals(1, outcome[1]);
        assertEquals(2, outcome[2]);
    }

    /**
     * Deadlines racing readiness: 1 ms read timeouts while single bytes arrive at random moments.
     * Each wait ends in data or a timeout, never in anything else, and every byte is read once.
     */
    @Test
    void timeoutsRacingData() throws Exception {
        Pair p = pair();
        int bytes = 2_000;
        Object[] outcome = new Object[2];
        CountDownLatch done = new CountDownLatch(1);
        try (Scheduler s = new Scheduler(2)) {
            s.spawn(() -> {
                int received = 0;
                int timeouts = 0;
                ByteBuffer b = ByteBuffer.allocate(1);
                try {
                    while (received < bytes) {
                        try {
                            p.near().readFully(b.clear(), Duration.ofMillis(1));
                            if (b.get(0) != (byte) received) {
                                throw new AssertionError("byte " + received + " read as " + b.get(0));
                            }
                            received++;
                        } catch (SocketTimeoutException expected) {
                            timeouts++;
                        }
                    }
                    outcome[0] = received;
                    outcome[1] = timeouts;
                } catch (Throwable t) {
                    outcome[0] = t;
                } finally {
                    done.countDown();
                }
            });
            for (int i = 0; i < bytes; i++) {
                for (int spin = ThreadLocalRandom.current().nextInt(50_000); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                p.far().write(ByteBuffer.allocate(1).put(0, (byte) i));
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "the reader is stuck");
        }
        assertEquals(bytes, outcome[0], "every byte read, in order; timeouts: " + outcome[1]);
    }

    /** Fibers waiting for data do not hold their carriers: one worker, 100 readers, and another fiber still runs. */
    @Test
    void waitingFibersLeaveTheirCarrierFree() throws Exception {
        int readers = 100;
        List<Pair> list = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            list.add(pair());
        }
        CountDownLatch read = new CountDownLatch(readers);
        CountDownLatch other = new CountDownLatch(1);
        try (Scheduler s = new Scheduler(1)) {
            for (Pair p : list) {
                s.spawn(() -> {
                    try {
                        p.near().readFully(ByteBuffer.allocate(4), Duration.ZERO);
                        read.countDown();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            s.spawn(other::countDown);
            assertTrue(other.await(10, TimeUnit.SECONDS), "the one carrier is blocked by a reader");
            assertEquals(readers, read.getCount(), "no reader can have finished without data");
            for (Pair p : list) {
                p.far().write(bytes(0));
            }
            assertTrue(read.await(10, TimeUnit.SECONDS));
        }
    }
}
