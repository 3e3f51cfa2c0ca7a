package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.TaskCounts;
import dev.threadmark.results.MixedBlend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The mixed blends in one picture: at a fixed task count, the speedup over running the tasks one
 * by one, against the CPU share of each task. The seeds say the gains "decline gradually as the
 * tasks require more CPU power"; ideal scheduling falls from N (everything overlaps) towards the
 * core count (only the CPU parts are left), and each model's points show how closely it follows.
 *
 * <p>Speedup = N · T / measured, with T one task's length alone; the ideal speedup is
 * N · T / {@link Ideal#ms}, so speedup / ideal speedup is the efficiency of the collapse rule,
 * and a model "falls below the threshold" at the first share that {@link CollapseDetector#below}
 * finds bad (failed, or below even at the optimistic end of its interval; a share not measured or
 * whose interval reaches zero is not).
 */
final class MixedSection {
    /**
     * One model's point at one CPU share.
     *
     * @param serialMs N · T: the tasks run one after another
     * @param idealMs  what perfect scheduling takes ({@link Ideal#ms})
     */
    record Blend(int share, PointResult point, double serialMs, double idealMs) {
        double speedup() {
            return serialMs / point.score();
        }

        double idealSpeedup() {
            return serialMs / idealMs;
        }
    }

    private MixedSection() {}

    /** model → its blends by growing share; models in palette order; empty when the run has none. */
    static Map<String, List<Blend>> blends(RunData run) {
        Map<String, List<Blend>> byModel = new TreeMap<>(Palette.MODEL_ORDER);
        for (Map.Entry<String, Map<String, List<PointResult>>> w : ReportModel.group(run.points()).entrySet()) {
            if (MixedBlend.share(w.getKey()).isEmpty()) {
                continue;
            }
            int share = MixedBlend.share(w.getKey()).getAsInt();
            for (Map.Entry<String, List<PointResult>> m : w.getValue().entrySet()) {
                for (PointResult p : m.getValue()) {
                    double serial = p.point().tasks() * Double.parseDouble(run.meta("workload.sleep.ms"));
                    byModel.computeIfAbsent(m.getKey(), k -> new ArrayList<>())
                            .add(new Blend(share, p, serial, Ideal.ms(w.getKey(), p.point().tasks(), run)));
                }
            }
        }
        byModel.values().forEach(list -> list.sort(Comparator.comparingInt(Blend::share)));
        return byModel;
    }

    /** The first share at which a model no longer keeps its gains. */
    static Optional<Blend> firstBelow(List<Blend> blends, CollapseDetector detector) {
        return blends.stream().filter(b -> detector.below(b.point(), b.idealMs())).findFirst();
    }

    /** What the template shows; empty when the run has no blends. */
    static Map<String, Object> view(RunData run, CollapseDetector detector, String id) {
        Map<String, List<Blend>> blends = blends(run);
        if (blends.isEmpty()) {
            return Map.of();
        }
        List<String> perModel = new ArrayList<>();
        for (Map.Entry<String, List<Blend>> e : blends.entrySet()) {
            perModel.add(modelSentence(e.getKey(), e.getValue(), detector));
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sentence", sentence(run, blends));
        view.put("headline", headline(blends, detector));
        view.put("models", perModel);
        view.put("chart", ChartRenderer.speedupChart(id, blends, detector));
        return view;
    }

    /** "At 1k tasks of 10 ms, ideal scheduling is 1000× faster than one by one at 0 % CPU and 2× at 100 %: …" */
    static String sentence(RunData run, Map<String, List<Blend>> blends) {
        List<Blend> any = blends.values().iterator().next();
        Blend first = any.getFirst();
        Blend last = any.getLast();
        return "Each of " + TaskCounts.format(first.point().point().tasks()) + " tasks lasts " + run.meta("workload.sleep.ms")
                + " ms alone, part CPU, part waiting. Ideal scheduling runs them " + Format.times(first.idealSpeedup())
                + " faster than one by one at " + first.share() + " % CPU and only " + Format.times(last.idealSpeedup())
                + " at " + last.share() + " %: the more CPU a task needs, the less waiting there is to overlap, "
                + "until only the " + run.cores() + " cores are left.";
    }

    /** "mixed CPU and waiting, 100 tasks: platform falls below the threshold at 0 % CPU; user keeps it up to 25 %; …" */
    static String headline(Map<String, List<Blend>> blends, CollapseDetector detector) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<Blend>> e : blends.entrySet()) {
            parts.add(e.getKey() + firstBelow(e.getValue(), detector).map(b -> " falls below the threshold at "
                    + b.share() + " % CPU").orElse(" keeps its gains at every CPU share"));
        }
        long tasks = blends.values().iterator().next().getFirst().point().point().tasks();
        return "mixed CPU and waiting, " + TaskCounts.format(tasks) + " tasks: " + String.join("; ", parts) + ".";
    }

    static String modelSentence(String model, List<Blend> blends, CollapseDetector detector) {
        List<String> speedups = new ArrayList<>();
        for (Blend b : blends) {
            speedups.add(b.share() + " %: " + (b.point().measured() ? Format.times(b.speedup())
                    : b.point().status().name().toLowerCase().replace('_', ' ')));
        }
        String verdict = firstBelow(blends, detector)
                .map(b -> "; falls below " + Format.percent(detector.threshold()) + " of the ideal speedup at "
                        + b.share() + " % CPU")
                .orElse("; keeps at least " + Format.percent(detector.threshold()) + " of the ideal at every share");
        return model + " — " + String.join(", ", speedups) + verdict;
    }
}
