package dev.threadmark.userthreads;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Which kernel thread is running the caller, read in a way that stays true across a fiber's
 * migration.
 *
 * <p>Why not just {@code Thread.currentThread()}: C2 treats that intrinsic as immutable in
 * ordinary code (only JDK methods annotated {@code @ChangesCurrentThread} are exempt), so in a
 * compiled method that spans a yield, say {@code while (!ready) Fiber.park();}, it may load the
 * thread once and reuse it after the fiber has resumed on another carrier. The scheduler then
 * sees the wrong worker and the wrong fiber (the stress tests caught exactly that). A call through
 * a {@link MethodHandle} that is not a constant cannot be inlined, so the load happens in a frame
 * of its own that never spans a yield. It costs a few nanoseconds per park, sleep or unpark.
 */
final class Carrier {
    /** Deliberately not final: a constant handle would be inlined, and the read hoisted again. */
    private static MethodHandle current;

    static {
        try {
            current = MethodHandles.lookup().findStatic(Thread.class, "currentThread", MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Carrier() {}

    static Thread current() {
        try {
            return (Thread) current.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
