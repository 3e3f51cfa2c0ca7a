package dev.threadmark.harness;

import java.util.List;

/**
 * The one JVM every measurement runs in: each JMH fork of the sweep and the runtime stage, and
 * each footprint probe. One home for the flags, so a report's environment section can show them
 * and no benchmark quietly runs on a different heap.
 *
 * <p>Why these flags:
 * <ul>
 *   <li><b>A pinned, pre-touched heap</b> ({@value #HEAP_MIN} = {@value #HEAP_MAX},
 *       {@value #PRE_TOUCH}). At a million tasks garbage collection is most of the time and most of
 *       the spread; with a default heap its size, and so the number of collections, would follow
 *       the machine's RAM (a quarter of it) and grow during a run. 3 GiB holds a million parked
 *       virtual threads (~0.7 KB each retained, the heaviest model that reaches 1M) several times
 *       over, next to the ~1 GB a million-task operation allocates. Pre-touching makes every heap
 *       page resident before the first measurement, so page faults are not charged to whichever
 *       model first grows into new heap — and the footprint probe's resident-memory growth is
 *       memory outside the heap.</li>
 *   <li><b>The collector named</b> ({@value #GC}): G1 is the default on a server-class machine,
 *       but the JVM picks Serial on a small one; naming it keeps the choice out of the hardware.</li>
 *   <li>{@value #EXPORTS}: our scheduler runs on {@code jdk.internal.vm.Continuation}.</li>
 *   <li>{@value #UNSAFE}: JMH 1.37 uses {@code sun.misc.Unsafe}; JDK 25 would warn on stderr.</li>
 *   <li>{@value #NATIVE_ACCESS}: the {@code native-sleep} workload calls libc through an FFM
 *       downcall, a restricted method JDK 25 would warn about on stderr.</li>
 * </ul>
 * The JMH annotations repeat these constants (annotations take constants, not lists);
 * {@code ForkJvmTest} checks that they agree.
 */
public final class ForkJvm {
    public static final String HEAP_MIN = "-Xms3g";
    public static final String HEAP_MAX = "-Xmx3g";
    public static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    public static final String GC = "-XX:+UseG1GC";
    public static final String EXPORTS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";
    public static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private static final List<String> FLAGS = List.of(HEAP_MIN, HEAP_MAX, PRE_TOUCH, GC, EXPORTS, UNSAFE,
            NATIVE_ACCESS);

    private ForkJvm() {}

    /** Every flag of a measuring JVM, in the order they are passed. */
    public static List<String> flags() {
        return FLAGS;
    }

    /** The flags as one line, for {@code run.properties} and the report. */
    static String line() {
        return String.join(" ", FLAGS);
    }
}
