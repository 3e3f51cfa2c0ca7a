package dev.threadmark.gate;

import dev.threadmark.report.RunData;
import dev.threadmark.results.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges an A/B: per trial one run of each commit, made back to back in random order on the same
 * machine ({@link Ab}). Per point, each trial gives one log-ratio candidate/baseline of the runs'
 * values; the trials are the samples ({@link Evidence#pairs}), so what the machine did between
 * trials — a slower night, a noisy neighbour that came and went — cancels inside each pair.
 *
 * <p>A point counts in a trial only when both runs measured it. Fewer than two such trials leave it
 * untested (said in its row). It newly fails when the baseline measured it in every trial and the
 * candidate failed it in any.
 */
final class AbJudge {
    private AbJudge() {}

    /** One interleaved trial: the baseline's run and the candidate's. */
    record Trial(RunData baseline, RunData candidate) {}

    static List<Judgement.Case> cases(List<Trial> trials) {
        List<Map<String, Measurement>> base = trials.stream().map(t -> Measurement.of(t.baseline())).toList();
        List<Map<String, Measurement>> cand = trials.stream().map(t -> Measurement.of(t.candidate())).toList();
        Set<String> names = new LinkedHashSet<>();
        cand.forEach(m -> names.addAll(m.keySet()));
        base.forEach(m -> names.addAll(m.keySet()));
        List<Judgement.Case> cases = new ArrayList<>();
        for (String name : names) {
            List<Double> ratios = new ArrayList<>();
            List<Double> oldValues = new ArrayList<>();
            List<Double> newValues = new ArrayList<>();
            List<Double> oldAlloc = new ArrayList<>();
            List<Double> newAlloc = new ArrayList<>();
            boolean baseAlways = true;
            boolean candFailed = false;
            boolean inCandidate = false;
            boolean inBaseline = false;
            Measurement any = null;
            for (int t = 0; t < trials.size(); t++) {
                Measurement b = base.get(t).get(name);
                Measurement c = cand.get(t).get(name);
                inBaseline |= b != null;
                inCandidate |= c != null;
                baseAlways &= b != null && b.measured();
                candFailed |= c != null && c.failed();
                if (b != null && c != null && b.measured() && c.measured()) {
                    any = c;
                    ratios.add(c.worseLog() - b.worseLog());
                    oldValues.add(Math.log(b.center()));
                    newValues.add(Math.log(c.center()));
                    oldAlloc.add(b.allocPerOp());
                    newAlloc.add(c.allocPerOp());
                }
            }
            String unit = any != null ? any.unit() : unitOf(name, base, cand);
            double oldValue = geomean(oldValues);
            double newValue = geomean(newValues);
            Allocation alloc = Allocation.of(unbox(oldAlloc), unbox(newAlloc));
            if (!inCandidate || !inBaseline) {
                cases.add(new Judgement.Case(name, unit, oldValue, newValue, null, inCandidate ? Verdict.NEW : Verdict.GONE,
                        Allocation.UNKNOWN, ""));
            } else if (baseAlways && candFailed) {
                cases.add(new Judgement.Case(name, unit, oldValue, newValue, null, Verdict.NEWLY_FAILING, alloc, ""));
            } else if (ratios.size() < 2) {
                cases.add(new Judgement.Case(name, unit, oldValue, newValue, null,
                        baseAlways ? Verdict.NOW_NOT_MEASURED : Verdict.STILL_NOT_MEASURED, alloc,
                        ratios.isEmpty() ? "" : "measured on both sides in only " + ratios.size() + " trial"));
            } else {
                cases.add(new Judgement.Case(name, unit, oldValue, newValue, Evidence.pairs(unbox(ratios)), null, alloc,
                        ""));
            }
        }
        return cases;
    }

    private static String unitOf(String name, List<Map<String, Measurement>> base, List<Map<String, Measurement>> cand) {
        for (List<Map<String, Measurement>> side : List.of(cand, base)) {
            for (Map<String, Measurement> run : side) {
                if (run.containsKey(name)) {
                    return run.get(name).unit();
                }
            }
        }
        return "";
    }

    private static double geomean(List<Double> logs) {
        return logs.isEmpty() ? Double.NaN : Math.exp(Evidence.mean(unbox(logs)));
    }

    static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
