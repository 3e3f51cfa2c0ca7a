package dev.threadmark.userthreads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The netpoller: fibers wait for socket readiness by parking, never by blocking their carrier.
 * A fiber whose non-blocking read or write would block arms interest in its channel and parks;
 * one poller thread waits in an epoll-backed {@link Selector} and unparks the fiber when the
 * kernel reports the socket ready or when its deadline passes; whoever closes the channel
 * unparks it too.
 *
 * <h2>Why a dedicated poller thread</h2>
 * Go polls from the scheduler itself: {@code findRunnable} calls {@code netpoll(0)} before it
 * steals, and an idle M blocks in {@code netpoll(until the next timer)} instead of sleeping, so
 * readiness costs no extra thread and no extra wake-up. We may not change our scheduler's
 * {@code findRunnable}, so, like Loom's poller in {@code SYSTEM_THREADS} mode
 * ({@code sun.nio.ch.Poller}), one platform daemon thread owns the selector. The price is a
 * thread hand-off per readiness (poller thread → {@link Fiber#unpark} → a worker's queue), which
 * Go's design avoids; on 2 cores the poller thread competes with the carriers for CPU.
 *
 * <h2>One-shot interest on a level-triggered selector</h2>
 * Go registers each fd once, edge-triggered ({@code EPOLLET}), and keeps a per-fd
 * {@code pollDesc} whose {@code rg}/{@code wg} words hold "ready" or the waiting G. Loom's poller
 * registers per wait with {@code EPOLLONESHOT}. A {@code java.nio.channels.Selector} offers
 * neither: it is level-triggered, so interest left armed on a readable socket would be reported
 * on every select until the woken fiber gets round to reading, and the poller would spin. So we
 * emulate one-shot: a channel is registered once (interest 0), a waiter arms its interest, and
 * the poller disarms it (interest 0) before it reports readiness. Arming changes interest from
 * another thread, which a {@code Selector} applies only at its next select, so arming also calls
 * {@link Selector#wakeup} (one eventfd write, coalesced while a wake-up is pending) — the cost of
 * not having {@code epoll_ctl} at hand. Waiting is only attempted after the I/O call itself said
 * it would block (Go does the same: try the syscall, wait on {@code EAGAIN}).
 *
 * <h2>No lost wake-ups</h2>
 * The protocol lives in {@link PolledChannel#await} (the waiter) and {@link #reportReady} /
 * {@link #expire} / {@link PolledChannel#close} (the wakers); all fields involved are volatile.
 * <ol>
 *   <li>The waiter publishes itself ({@code waiter = me}), clears {@code ready}, then arms.</li>
 *   <li>The poller disarms, sets {@code ready}, then reads {@code waiter} and unparks it.</li>
 *   <li>The waiter parks in a loop until {@code ready}, its deadline has expired, or the channel
 *       is closed. {@link Fiber#park} keeps a permit: an unpark that lands before the park makes
 *       the park return at once, so an event between the check and the park is not lost.</li>
 * </ol>
 * A readiness report that lands before the waiter clears {@code ready} is overwritten — but then
 * the poller had disarmed before the waiter armed again, and since the selector is
 * level-triggered, the re-armed socket is reported again while its data is unread. A report
 * after the clear is seen by the loop or wakes the parked waiter. A stale unpark (a report for a
 * wait that has just ended) only makes some later park return early, which every park loop
 * tolerates. One fiber at a time may wait on a channel (as a Go fd serialises its readers).
 *
 * <h2>Deadlines</h2>
 * Like Go's per-pollDesc read deadline timers, but kept by the poller thread: a waiter hands its
 * deadline over through a lock-free queue, the poller keeps them in a heap and selects no longer
 * than until the earliest. An expired deadline belongs to one wait (its sequence number), so it
 * cannot time out a later wait on the same channel; the deadline of a wait that ended early stays
 * in the heap until it expires, and then changes nothing.
 */
public final class NetPoller implements AutoCloseable {
    private static volatile NetPoller shared;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Deadline> newDeadlines = new ConcurrentLinkedQueue<>();
    private volatile boolean open = true;

    /** A wait's deadline: when it expires, the wait {@code waitId} on {@code channel} times out. */
    record Deadline(PolledChannel channel, long waitId, long atNanos) {}

    /** Starts a poller with its own selector and thread; {@link #shared} is the one fibers use by default. */
    public NetPoller() throws IOException {
        selector = Selector.open();
        thread = Thread.ofPlatform().daemon().name("threadmark-netpoller").unstarted(this::loop);
        thread.start();
    }

    /** The JVM-wide poller, started on first use and never stopped, like Loom's. */
    public static NetPoller shared() {
        NetPoller p = shared;
        if (p == null) {
            synchronized (NetPoller.class) {
                p = shared;
                if (p == null) {
                    try {
                        shared = p = new NetPoller();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open the netpoller's selector", e);
                    }
                }
            }
        }
        return p;
    }

    /**
     * Makes {@code channel} non-blocking and registers it (with no interest yet) for fibers to
     * wait on. From then on use the channel only through the returned {@link PolledChannel}.
     */
    public PolledChannel register(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        PolledChannel polled = new PolledChannel(this, channel);
        polled.key = channel.register(selector, 0, polled);
        return polled;
    }

    /** Step 1 of the protocol, the waiter's side: arm interest and, if any, the deadline. */
    void arm(PolledChannel channel, int ops, long waitId, Duration timeout) {
        if (!timeout.isZero()) {
            newDeadlines.add(new Deadline(channel, waitId, System.nanoTime() + timeout.toNanos()));
        }
        try {
            channel.key.interestOps(ops);
        } catch (CancelledKeyException closedMeanwhile) {
            return; // close() has set the flag the waiter's loop checks
        }
        selector.wakeup();
    }

    /** Lets the selector drop a closed channel's key (and so close its file descriptor) now. */
    void closed() {
        selector.wakeup();
    }

    private void loop() {
        PriorityQueue<Deadline> deadlines = new PriorityQueue<>((a, b) -> Long.compare(a.atNanos, b.atNanos));
        try {
            while (open) {
                for (Deadline d; (d = newDeadlines.poll()) != null; ) {
                    deadlines.add(d);
                }
                long timeoutMs = 0; // 0: until an event or a wake-up
                if (!deadlines.isEmpty()) {
                    long left = deadlines.peek().atNanos - System.nanoTime();
                    timeoutMs = left <= 0 ? -1 : Math.max(1, (left + 999_999) / 1_000_000);
                }
                if (timeoutMs < 0) {
                    selector.selectNow(this::reportReady);
                } else {
                    selector.select(this::reportReady, timeoutMs);
                }
                long now = System.nanoTime();
                while (!deadlines.isEmpty() && deadlines.peek().atNanos - now <= 0) {
                    expire(deadlines.poll());
                }
            }
        } catch (IOException | RuntimeException e) {
            open = false;
            System.err.println("threadmark netpoller stopped: " + e);
        } finally {
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** Step 2: disarm (one-shot), then report; see the class comment. */
    private void reportReady(SelectionKey key) {
        try {
            key.interestOps(0);
        } catch (CancelledKeyException closedMeanwhile) {
            // the channel was closed: close() has woken the waiter already
        }
        ((PolledChannel) key.attachment()).signalReady();
    }

    private static void expire(Deadline d) {
        d.channel().signalTimeout(d.waitId());
    }

    /** Stops the poller thread; channels still registered stay open (close them yourself). */
    @Override
    public void close() throws InterruptedException {
        open = false;
        selector.wakeup();
        thread.join();
    }
}
