package dev.threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MachineLoadTest {
    private static final String PROC_STAT = """
            cpu  1000 50 300 8000 100 20 30 40 0 0
            cpu0 500 25 150 4000 50 10 15 20 0 0
            intr 12345
            """;

    /** A command name with a space and a parenthesis: the fields are counted after the last ')'. */
    private static String selfStat(long utime, long stime, long cutime, long cstime) {
        return "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 " + utime + " " + stime + " " + cutime + " "
                + cstime + " 20 0 30 0 12345 0 0";
    }

    @Test
    void parsesTheMachinesBusyTimeAndOursWithOurWaitedForChildren() {
        MachineLoad.Snapshot s = MachineLoad.parse(PROC_STAT, selfStat(7, 3, 200, 40));
        assertEquals(1000 + 50 + 300 + 20 + 30 + 40, s.busy(), "user, nice, system, irq, softirq, steal");
        assertEquals(s.busy() + 8000 + 100, s.total(), "plus idle and iowait");
        assertEquals(7 + 3 + 200 + 40, s.ours());
        assertThrows(IllegalArgumentException.class, () -> MachineLoad.parse("intr 1\n", selfStat(0, 0, 0, 0)));
    }

    @Test
    void otherProcessesShareIsTheBusyTimeThatIsNotOurs() {
        MachineLoad.Snapshot before = new MachineLoad.Snapshot(1_000, 10_000, 100);
        // 2 cores for 10 s at 100 ticks/s: 2 000 ticks; we used 900 of them, the machine was busy 1 400
        assertEquals(500.0 / 2_000, MachineLoad.otherShare(before, new MachineLoad.Snapshot(2_400, 12_000, 1_000)), 1e-12);
        assertEquals(0.0, MachineLoad.otherShare(before, new MachineLoad.Snapshot(1_900, 12_000, 1_000)),
                "a quiet machine: ours is all of it");
        assertEquals(0.0, MachineLoad.otherShare(before, before), "no time passed");
    }

    /** On the real /proc: a busy process beside us is counted as other work, our own busy thread is not. */
    @Test
    @Timeout(30)
    void countsAnotherProcessButNotOurselves() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")) && Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
        MachineLoad.Snapshot before = MachineLoad.parse(Files.readString(Path.of("/proc/stat")),
                Files.readString(Path.of("/proc/self/stat")));
        Process loop = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++; // our own thread busy for the same 1.5 s
        }
        MachineLoad.Snapshot after = MachineLoad.parse(Files.readString(Path.of("/proc/stat")),
                Files.readString(Path.of("/proc/self/stat")));
        loop.destroyForcibly().waitFor(); // reaped only now: its time never became ours
        long ticksPerCore = (after.total() - before.total()) / Runtime.getRuntime().availableProcessors();
        assertTrue(after.ours() - before.ours() >= ticksPerCore / 4, "our busy thread is ours: " + before + " " + after
                + " " + spins);
        long other = (after.busy() - before.busy()) - (after.ours() - before.ours());
        assertTrue(other >= ticksPerCore / 4, "the shell loop beside us is other work: " + before + " " + after);
    }
}
