package dev.threadmark.workloads;

import dev.threadmark.userthreads.Fiber;
import java.time.Duration;

/**
 * The one way workloads wait. Like {@link Thread#sleep}, which checks whether it runs on a
 * virtual thread, this checks whether it runs on one of our user threads: there it parks the
 * user thread and frees the carrier; anywhere else it is {@code Thread.sleep}.
 */
public final class Pause {
    private Pause() {}

    public static void sleep(Duration duration) throws InterruptedException {
        if (Fiber.current() != null) {
            Fiber.sleep(duration);
        } else {
            Thread.sleep(duration);
        }
    }
}
