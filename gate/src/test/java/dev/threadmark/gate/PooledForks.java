package dev.threadmark.gate;

import dev.threadmark.report.RunReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Forks as the unit, kept only to show in {@link ReplayTest} that the replayed history breaks it:
 * tonight's fork means against the pooled fork means of the (up to 10) trusted nights before, as
 * if all were independent (Welch's t, one-sided toward worse, Benjamini–Hochberg). It counts the
 * points it calls significantly worse: the claim the old gate printed as "slower" or "regressed".
 */
final class PooledForks {
    private PooledForks() {}

    /** How many points the old rule flags on run {@code id} against the trusted nights before it. */
    static int flags(Path results, String id) throws Exception {
        List<Path> before;
        try (Stream<Path> s = Files.list(results.resolve("runs"))) {
            before = s.filter(d -> d.getFileName().toString().compareTo(id) < 0).sorted().toList();
        }
        List<Map<String, Measurement>> nights = new ArrayList<>();
        for (Path d : before.subList(Math.max(0, before.size() - 10), before.size())) {
            var run = RunReader.read(d);
            if (Trust.distrust(run.metadata()).isEmpty() && run.meta("machine.cpu_model").equals("AMD EPYC 7763")) {
                nights.add(Measurement.of(run));
            }
        }
        Map<String, Measurement> tonight = Measurement.of(RunReader.read(results.resolve("runs/" + id)));
        List<Double> p = new ArrayList<>();
        for (var e : tonight.entrySet()) {
            double[] pooled = nights.stream().flatMapToDouble(n -> java.util.Arrays.stream(n.get(e.getKey()).forkMeans()))
                    .toArray();
            double[] now = e.getValue().forkMeans();
            double[] logPooled = java.util.Arrays.stream(pooled).map(Math::log).toArray();
            double[] logNow = java.util.Arrays.stream(now).map(Math::log).toArray();
            p.add(Evidence.welch(logPooled, logNow, "").pWorse());
        }
        double[] q = BenjaminiHochberg.adjust(p.stream().mapToDouble(Double::doubleValue).toArray());
        int flags = 0;
        for (int i = 0; i < q.length; i++) {
            flags += q[i] < 0.05 ? 1 : 0;
        }
        return flags;
    }
}
