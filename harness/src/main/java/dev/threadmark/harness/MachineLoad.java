package dev.threadmark.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How much of the machine's CPU went to other processes while the sweep ran: the one environment
 * problem the sweep cannot stop on, because it does not announce itself. A build or a second job
 * on the same cores slows every CPU-bound point at once; the nightly gate then sees a regression
 * it cannot tell from one in the code, so the run records the load and the gate says it.
 *
 * <p>Read from Linux's {@code /proc}: the machine's busy time from {@code /proc/stat} (user, nice,
 * system, irq, softirq and steal, across all cores), and the sweep's own from
 * {@code /proc/self/stat} — its own time plus that of its children it has waited for
 * ({@code cutime}, {@code cstime}), which are the JMH forks, the probes and the reply servers, all
 * reaped by the time the sweep ends. Both count in the same clock ticks. The rest of the busy time
 * is other processes'; their share is that over all the cores' time. Steal (a hypervisor giving
 * the core to another guest) is counted as other work too: for the measurement it is the same.
 * Elsewhere than on Linux there is no reading and nothing is recorded.
 */
final class MachineLoad {
    /** The counters at one moment, in clock ticks. */
    record Snapshot(long busy, long total, long ours) {}

    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final Path SELF_STAT = Path.of("/proc/self/stat");

    private final Snapshot start;

    private MachineLoad(Snapshot start) {
        this.start = start;
    }

    /** Starts measuring; empty where {@code /proc} cannot be read. */
    static Optional<MachineLoad> start() {
        return read().map(MachineLoad::new);
    }

    /** Other processes' share of all the cores' time since {@link #start()}, 0–1; empty if unreadable now. */
    Optional<Double> otherShare() {
        return read().map(now -> otherShare(start, now));
    }

    static double otherShare(Snapshot before, Snapshot after) {
        long total = after.total() - before.total();
        if (total <= 0) {
            return 0;
        }
        long other = (after.busy() - before.busy()) - (after.ours() - before.ours());
        return Math.clamp((double) other / total, 0, 1);
    }

    private static Optional<Snapshot> read() {
        try {
            return Optional.of(parse(Files.readString(PROC_STAT), Files.readString(SELF_STAT)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param procStat the text of {@code /proc/stat}: its first line is {@code cpu user nice system
     *                 idle iowait irq softirq steal guest guest_nice}, all cores together (guest
     *                 time is already inside user)
     * @param selfStat the text of {@code /proc/self/stat}: after the command name in parentheses
     *                 (which may itself hold spaces and parentheses), fields 3 onwards; utime, stime,
     *                 cutime and cstime are fields 14–17
     */
    static Snapshot parse(String procStat, String selfStat) {
        String cpu = procStat.lines().findFirst().orElseThrow();
        String[] f = cpu.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpu);
        }
        long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]), iowait = Long.parseLong(f[5]);
        long irq = Long.parseLong(f[6]), softirq = Long.parseLong(f[7]), steal = Long.parseLong(f[8]);
        long busy = user + nice + system + irq + softirq + steal;
        String[] s = selfStat.substring(selfStat.lastIndexOf(')') + 2).trim().split("\\s+");
        // s[0] is field 3 (state), so field k is s[k - 3]
        long ours = Long.parseLong(s[11]) + Long.parseLong(s[12]) + Long.parseLong(s[13]) + Long.parseLong(s[14]);
        return new Snapshot(busy, busy + idle + iowait, ours);
    }
}
