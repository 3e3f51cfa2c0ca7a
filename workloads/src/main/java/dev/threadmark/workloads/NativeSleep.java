package dev.threadmark.workloads;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.time.Duration;

/**
 * libc's {@code usleep}, called through a Foreign Function & Memory downcall: the calling thread
 * sleeps inside the kernel, in a native frame no JVM runtime can see into or unmount. Needs
 * {@code --enable-native-access=ALL-UNNAMED} (otherwise JDK 25 warns on first use).
 */
public final class NativeSleep {
    private static final MethodHandle USLEEP = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("usleep")
                    .orElseThrow(() -> new UnsupportedOperationException("libc has no usleep")),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private NativeSleep() {}

    /** Sleeps {@code duration} (to the microsecond) in {@code usleep}. */
    public static void sleep(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        if (micros > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("usleep takes at most " + Integer.MAX_VALUE + " µs, got " + duration);
        }
        int result;
        try {
            result = (int) USLEEP.invokeExact((int) micros);
        } catch (Throwable t) {
            throw new IllegalStateException("usleep downcall failed", t);
        }
        if (result != 0) { // -1: interrupted by a signal (EINTR) or an invalid argument; the sleep was cut short
            throw new IllegalStateException("usleep(" + micros + ") returned " + result);
        }
    }
}
