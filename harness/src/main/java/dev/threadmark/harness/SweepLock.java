package dev.threadmark.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One sweep per machine at a time. Two sweeps (or a sweep and any other benchmark) on the same
 * cores measure each other, so a second sweep is refused at once, with the pid of the one that
 * holds the lock, before it creates a run directory. The lock is machine-wide (in the temporary
 * directory, like JMH's own {@code jmh.lock}), not per checkout: two clones of the project share
 * the same cores. The operating system drops the lock when the holder dies, so a killed sweep
 * never leaves a stale lock behind.
 */
final class SweepLock implements AutoCloseable {
    static final Path DEFAULT = Path.of(System.getProperty("java.io.tmpdir"), "threadmark-sweep.lock");

    private final FileChannel channel;
    private final FileLock lock;

    private SweepLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws SweepInterruptedException when another sweep holds the lock */
    static SweepLock acquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) { // held by this very JVM
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new SweepInterruptedException("another threadmark sweep is running (pid " + holder + ", lock "
                    + file + "); two sweeps on the same cores would measure each other. Wait for it, or stop it");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new SweepLock(channel, lock);
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return pid.isEmpty() ? "unknown" : pid;
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
