package dev.threadmark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadmark.results.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A/B end to end on this repository's own commits, with the sweeps replaced by synthetic ones
 * (a real sweep is what {@code ab} runs on a runner; here the machine is simulated so that its
 * drift can be made much larger than the change sought): each trial's machine runs at its own
 * speed, ±20 % (sd) from trial to trial, which both sides of the trial share.
 */
class AbTest {
    /** A sweeper whose machine speed changes every trial; the candidate's points are scaled by {@code change}. */
    static final class Simulated implements Ab.Sweeper {
        final SplittableRandom random = new SplittableRandom(5);
        final ToDoubleFunction<String> change;
        final ToDoubleFunction<String> allocChange;
        final List<String> order = new ArrayList<>();
        double machine = 1;
        int sweeps;

        Simulated(ToDoubleFunction<String> change, ToDoubleFunction<String> allocChange) {
            this.change = change;
            this.allocChange = allocChange;
        }

        @Override
        public Path sweep(Builds.Build side, List<String> args, Path into, Path log) throws java.io.IOException {
            if (sweeps++ % 2 == 0) {
                machine = Math.exp(0.2 * random.nextGaussian()); // a new trial: the machine drifted
            }
            boolean candidate = into.getFileName().toString().endsWith("candidate");
            order.add(candidate ? "candidate" : "baseline");
            List<Runs.Pt> pts = new ArrayList<>();
            for (String name : List.of("virtual/sleep/100", "user/sleep/100", "virtual/spin/10000", "user/spin/10000")) {
                String[] p = name.split("/");
                double value = 10 * machine * Math.exp(0.01 * random.nextGaussian()) * (candidate ? change.applyAsDouble(name) : 1);
                double alloc = 100_000 * (1 + 0.001 * random.nextGaussian()) * (candidate ? allocChange.applyAsDouble(name) : 1);
                pts.add(new Runs.Pt(p[0], p[1], Integer.parseInt(p[2]), Runs.forks(value, new double[] {1}, 4), alloc));
            }
            return Runs.write(into.resolve("runs/20260101-00000" + sweeps + "-" + side.sha().substring(0, 7)), pts, Map.of());
        }
    }

    private static String ab(Simulated sweeper, Path results, int expectedExit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path root = projectRoot();
        int exit = Ab.run((sha, log) -> new Builds.Build(sha, root, root.resolve("no.jar")), sweeper,
                new PrintStream(out, true, StandardCharsets.UTF_8), "HEAD", "HEAD", "--trials", "5", "--results",
                results.toString(), "--project", root.toString(), "--seed", "3");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, text);
        return text;
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve(".git")) && !Files.isRegularFile(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    @Test
    void theSameCodeOnADriftingMachineFlagsNothing(@TempDir Path results) throws Exception {
        Simulated same = new Simulated(n -> 1, n -> 1);
        String text = ab(same, results, 0);
        assertTrue(text.contains("no regression"), text);
        assertEquals(10, same.order.size());
        assertTrue(same.order.subList(0, 2).contains("baseline") && same.order.subList(0, 2).contains("candidate"),
                "each trial runs both sides: " + same.order);
        assertTrue(!same.order.equals(List.of("baseline", "candidate", "baseline", "candidate", "baseline", "candidate",
                "baseline", "candidate", "baseline", "candidate")), "the order is drawn per trial: " + same.order);
    }

    @Test
    void aThirtyPercentSlowdownOfOnePointIsFlaggedThroughDriftFiveTimesItsSize(@TempDir Path results) throws Exception {
        // Unpaired, trials at ±20 % could not tell 30 % from the machine; paired, the drift cancels.
        String text = ab(new Simulated(n -> n.equals("user/spin/10000") ? 1.3 : 1, n -> 1), results, 1);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("user/spin/10000") && l.contains("regressed")), text);
        assertEquals(1, text.lines().filter(l -> l.contains("regressed")).count(), text);
    }

    @Test
    void fivePercentMoreAllocationIsFlagged(@TempDir Path results) throws Exception {
        String text = ab(new Simulated(n -> 1, n -> n.equals("virtual/sleep/100") ? 1.05 : 1), results, 1);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("virtual/sleep/100") && l.contains(Verdict.ALLOCATES_MORE.label())),
                text);
    }

    @Test
    void theRunsAndTheOrderAreKept(@TempDir Path results) throws Exception {
        ab(new Simulated(n -> 1, n -> 1), results, 0);
        Path dir;
        try (var s = Files.list(results.resolve("ab"))) {
            dir = s.filter(d -> !d.getFileName().toString().equals("worktrees")).findFirst().orElseThrow();
        }
        String props = Files.readString(dir.resolve("ab.properties"));
        assertTrue(props.contains("ab.seed=3") && props.matches("(?s).*ab.order=(AB|BA)(,(AB|BA)){4}\n.*"), props);
        assertTrue(Files.exists(dir.resolve("ab.md")) && Files.isDirectory(dir.resolve("trial-5-candidate/runs")));
        String table = Files.readString(dir.resolve("ab.txt"));

        // Nothing saved is lost: the trials are judged again from the directory alone, and a
        // trial whose candidate never finished (a stopped A/B) ends what is judged.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Ab.Builder none = (sha, log) -> {
            throw new AssertionError("--judge builds nothing");
        };
        Ab.Sweeper never = (side, args, into, log) -> {
            throw new AssertionError("--judge sweeps nothing");
        };
        assertEquals(0, Ab.run(none, never, new PrintStream(out, true, StandardCharsets.UTF_8), "--judge", dir.toString()));
        assertEquals(table, Files.readString(dir.resolve("ab.txt")));
        try (var runs = Files.list(dir.resolve("trial-4-candidate/runs"))) {
            Path run = runs.findFirst().orElseThrow();
            Files.writeString(run.resolve("run.properties"), Files.readString(run.resolve("run.properties"))
                    .replace("run.status=complete", "run.status=interrupted"));
        }
        Ab.run(none, never, new PrintStream(out, true, StandardCharsets.UTF_8), "--judge", dir.toString());
        assertTrue(Files.readString(dir.resolve("ab.txt")).contains("3 trials"), Files.readString(dir.resolve("ab.txt")));
    }
}
