package dev.threadmark.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a failure of the environment from a failure of the model, for a point that JMH could not
 * measure. A point is {@code FAILED} only for what the model did: the OS refused a thread, a task
 * threw, the point timed out. What the machine did to the sweep is not data about any model:
 * <ul>
 *   <li>another JMH holds {@code /tmp/jmh.lock} (JMH refuses to run beside it);</li>
 *   <li>the sweep's thread was interrupted;</li>
 *   <li>a fork was killed by a signal from outside (exit code 128 + SIGINT, SIGKILL or SIGTERM).</li>
 * </ul>
 * Each stops the sweep ({@link SweepInterruptedException}) instead of becoming a point.
 */
final class Environment {
    /** JMH's words when it cannot take its lock. */
    private static final String JMH_LOCK = "Unable to acquire the JMH lock";
    private static final Pattern EXIT_CODE = Pattern.compile("exit code (\\d+)");
    /** 128 + SIGINT, SIGKILL, SIGTERM: what Ctrl-C, kill -9 and kill do to a fork. */
    private static final List<Integer> KILLED = List.of(130, 137, 143);

    private Environment() {}

    /** Throws {@link SweepInterruptedException} when {@code failure} came from the environment. */
    static void check(Throwable failure) {
        if (Thread.currentThread().isInterrupted()) {
            throw new SweepInterruptedException("the sweep was interrupted", failure);
        }
        for (Throwable t : chain(failure)) {
            String message = String.valueOf(t.getMessage());
            if (message.contains(JMH_LOCK)) {
                throw new SweepInterruptedException("another JMH is running (it holds " + System.getProperty(
                        "java.io.tmpdir") + "/jmh.lock); measurements beside it would be wrong. Stop it and run "
                        + "the sweep again", failure);
            }
            Matcher m = EXIT_CODE.matcher(message);
            while (m.find()) {
                int code = Integer.parseInt(m.group(1));
                if (KILLED.contains(code)) {
                    throw new SweepInterruptedException("a JMH fork was killed from outside (exit code " + code
                            + ", signal " + (code - 128) + ")", failure);
                }
            }
        }
    }

    /** A failure, its causes and what they suppressed, outermost first. */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        collect(failure, all, 0);
        return all;
    }

    private static void collect(Throwable t, List<Throwable> into, int depth) {
        if (t == null || depth > 16 || into.contains(t)) {
            return;
        }
        into.add(t);
        collect(t.getCause(), into, depth + 1);
        for (Throwable s : t.getSuppressed()) {
            collect(s, into, depth + 1);
        }
    }
}
