package dev.threadmark.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replacing a file so that readers, crashes and kills only ever see the old or the new content:
 * write a temporary sibling, flush it to disk, rename it over the target. Used for everything a
 * run, a report or the history writes.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a file, given the path to write it to. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    public static void replace(Path target, Content content) throws IOException {
        // A name of its own per writer (process and thread): two writers replacing the same file must not
        // write into one temporary. Not createTempFile: its owner-only permissions would pass to the target.
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().threadId() + ".tmp");
        try {
            content.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true); // on disk before it replaces the old content
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp); // after a failure only; a successful move left nothing
        }
    }
}
