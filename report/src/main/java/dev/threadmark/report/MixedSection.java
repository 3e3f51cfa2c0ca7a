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
 * and each share is judged by it ({@link CollapseDetector#judge(PointResult, double)}): a model
 * "falls below the threshold" at the first bad share (failed, or below even at the optimistic end
 * of its interval), "keeps its gains" at the good ones (at or above even at the pessimistic end),
 * and the sentences name the shares that are neither — inconclusive, or not measured (over
 * budget or skipped) — rather than counting them as kept.
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

    /**
     * What the collapse rule says of one model's blends, shares in growing order.
     *
     * @param firstBelow   the first bad share, if any
     * @param kept         the good shares
     * @param inconclusive the shares whose interval straddles the threshold
     * @param notMeasured  the shares over budget or skipped
     */
    record Shares(Optional<Blend> firstBelow, List<Integer> kept, List<Integer> inconclusive,
            List<Integer> notMeasured) {
        static Shares of(List<Blend> blends, CollapseDetector detector) {
            Map<CollapseDetector.Judgement, List<Blend>> by = new java.util.EnumMap<>(CollapseDetector.Judgement.class);
            for (Blend b : blends) {
                by.computeIfAbsent(detector.judge(b.point(), b.idealMs()), k -> new ArrayList<>()).add(b);
            }
            return new Shares(by.getOrDefault(CollapseDetector.Judgement.BAD, List.of()).stream().findFirst(),
                    shares(by, CollapseDetector.Judgement.GOOD), shares(by, CollapseDetector.Judgement.INCONCLUSIVE),
                    shares(by, CollapseDetector.Judgement.NOT_MEASURED));
        }

        private static List<Integer> shares(Map<CollapseDetector.Judgement, List<Blend>> by, CollapseDetector.Judgement j) {
            return by.getOrDefault(j, List.of()).stream().map(Blend::share).toList();
        }

        /** Whether every share was measured and held. */
        boolean keptEverywhere() {
            return firstBelow.isEmpty() && inconclusive.isEmpty() && notMeasured.isEmpty();
        }

        /** "{sep}inconclusive at 10 % CPU{sep}not measured at 50, 100 % CPU": the shares no verdict covers; "" for none. */
        String unjudged(String sep) {
            return (inconclusive.isEmpty() ? "" : sep + "inconclusive at " + percents(inconclusive))
                    + (notMeasured.isEmpty() ? "" : sep + "not measured at " + percents(notMeasured));
        }

        /** "0, 1, 5 % CPU". */
        static String percents(List<Integer> shares) {
            return String.join(", ", shares.stream().map(String::valueOf).toList()) + " % CPU";
        }
    }

    /** The first share at which a model no longer keeps its gains. */
    static Optional<Blend> firstBelow(List<Blend> blends, CollapseDetector detector) {
        return Shares.of(blends, detector).firstBelow();
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

    /**
     * "mixed CPU and waiting, 100 tasks: platform falls below the threshold at 5 % CPU; user keeps
     * its gains at 0, 1 % CPU, inconclusive at 5 % CPU, not measured at 100 % CPU; …"
     */
    static String headline(Map<String, List<Blend>> blends, CollapseDetector detector) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<Blend>> e : blends.entrySet()) {
            Shares shares = Shares.of(e.getValue(), detector);
            parts.add(e.getKey() + shares.firstBelow().map(b -> " falls below the threshold at " + b.share() + " % CPU")
                    .orElse(shares.keptEverywhere() ? " keeps its gains at every CPU share"
                            : shares.kept().isEmpty() ? " is not shown to keep its gains at any CPU share"
                            : " keeps its gains at " + Shares.percents(shares.kept()))
                    + shares.unjudged(", "));
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
        Shares shares = Shares.of(blends, detector);
        String threshold = Format.percent(detector.threshold());
        String verdict = shares.firstBelow()
                .map(b -> "; falls below " + threshold + " of the ideal speedup at " + b.share() + " % CPU")
                .orElse(shares.keptEverywhere() ? "; keeps at least " + threshold + " of the ideal at every share"
                        : shares.kept().isEmpty() ? "; is not shown to keep " + threshold + " of the ideal at any share"
                        : "; keeps at least " + threshold + " of the ideal at " + Shares.percents(shares.kept()));
        return model + " — " + String.join(", ", speedups) + verdict + shares.unjudged("; ");
    }
}
