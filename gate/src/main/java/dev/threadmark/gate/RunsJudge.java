package dev.threadmark.gate;

import dev.threadmark.results.MalformedResultsException;
import dev.threadmark.results.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a candidate run and, per point, its baseline runs into the cases {@link Judgement}
 * decides: the rule of the history gate and of {@code compare}.
 *
 * <p>The unit is the run. With two or more baseline runs measuring a point, the candidate is one
 * more run, judged against their prediction interval ({@link Evidence#nights}). With one baseline
 * run there is no spread between runs to judge by. The history gate then has no verdict
 * (untestable until a second night). {@code compare} of a file against a file compares the
 * forks of the two runs ({@link Evidence#forks}), which is sound only when the two were made
 * back to back on one machine — the table says so; with a single fork on either side it has no
 * verdict at all: the row carries an <em>indication</em> from the iterations (Welch's t on them,
 * which ignores that iterations of a fork are not independent) and how many forks the iterations'
 * own spread calls for, and says that it is not a verdict.
 *
 * <p>Before anything is compared the runs must agree on each point's mode and unit: time units
 * convert ({@link Units}); a {@code thrpt} entry never meets an {@code avgt} one.
 */
final class RunsJudge {
    private RunsJudge() {}

    /** How a point with a single baseline run is judged. */
    enum OneRun {
        /** Not at all: the history gate, where one earlier night says nothing of the nights' spread. */
        UNTESTABLE,
        /** By the forks: {@code compare} of two runs the user made back to back. */
        FORKS
    }

    static List<Judgement.Case> cases(Map<String, List<Measurement>> baseline, Map<String, Measurement> candidate,
            Judgement judgement, OneRun oneRun) {
        List<Judgement.Case> cases = new ArrayList<>();
        for (Map.Entry<String, Measurement> e : candidate.entrySet()) {
            String name = e.getKey();
            Measurement c = e.getValue();
            List<Measurement> runs = baseline.getOrDefault(name, List.of()).stream()
                    .map(b -> agreeing(b, c, name)).toList();
            cases.add(caseOf(name, runs, c, judgement, oneRun));
        }
        for (Map.Entry<String, List<Measurement>> e : baseline.entrySet()) {
            List<Measurement> measured = e.getValue().stream().filter(Measurement::measured).toList();
            if (!candidate.containsKey(e.getKey()) && !measured.isEmpty()) {
                cases.add(new Judgement.Case(e.getKey(), measured.getFirst().unit(), value(measured), Double.NaN, null,
                        Verdict.GONE, Allocation.UNKNOWN, ""));
            }
        }
        return cases;
    }

    /** A baseline run of the same mode, in the candidate's unit. */
    private static Measurement agreeing(Measurement b, Measurement c, String name) {
        if (!b.mode().isEmpty() && !c.mode().isEmpty() && !b.mode().equals(c.mode())) {
            throw new MalformedResultsException(name + ": mode " + b.mode() + " in the baseline, " + c.mode()
                    + " in the candidate: they do not compare");
        }
        return Units.in(b, c.unit(), name);
    }

    private static Judgement.Case caseOf(String name, List<Measurement> runs, Measurement c, Judgement judgement,
            OneRun oneRun) {
        List<Measurement> measured = runs.stream().filter(Measurement::measured).toList();
        double oldValue = value(measured);
        double newValue = c.measured() ? c.center() : Double.NaN;
        if (runs.isEmpty() || (measured.isEmpty() && c.measured())) {
            return new Judgement.Case(name, c.unit(), oldValue, newValue, null, Verdict.NEW, Allocation.UNKNOWN, "");
        }
        if (!c.measured()) {
            Verdict v = measured.isEmpty() ? Verdict.STILL_NOT_MEASURED : c.failed() ? Verdict.NEWLY_FAILING
                    : Verdict.NOW_NOT_MEASURED;
            return new Judgement.Case(name, c.unit(), oldValue, newValue, null, v, Allocation.UNKNOWN, "");
        }
        Allocation alloc = Allocation.of(measured.stream().mapToDouble(Measurement::allocPerOp).toArray(),
                new double[] {c.allocPerOp()});
        if (measured.size() >= 2) {
            double[] nights = measured.stream().mapToDouble(Measurement::worseLog).toArray();
            return new Judgement.Case(name, c.unit(), oldValue, newValue, Evidence.nights(nights, c.worseLog()), null,
                    alloc, "");
        }
        if (oneRun == OneRun.UNTESTABLE) {
            return new Judgement.Case(name, c.unit(), oldValue, newValue, null, Verdict.UNTESTABLE, alloc, "");
        }
        Measurement b = measured.getFirst();
        double[] bf = Arrays.stream(b.forkMeans()).map(b::worseLog).toArray();
        double[] cf = Arrays.stream(c.forkMeans()).map(c::worseLog).toArray();
        if (bf.length >= 2 && cf.length >= 2) {
            return new Judgement.Case(name, c.unit(), oldValue, newValue, Evidence.forks(bf, cf), null, alloc,
                    "");
        }
        return new Judgement.Case(name, c.unit(), oldValue, newValue, null, Verdict.UNTESTABLE, alloc,
                indication(b, c, judgement));
    }

    /**
     * One fork on a side: no verdict, but what the iterations suggest and how many forks their
     * spread calls for at the least (the spread between forks can only add to it).
     */
    static String indication(Measurement b, Measurement c, Judgement judgement) {
        double[] bi = Arrays.stream(b.forks()).flatMapToDouble(Arrays::stream).map(b::worseLog).toArray();
        double[] ci = Arrays.stream(c.forks()).flatMapToDouble(Arrays::stream).map(c::worseLog).toArray();
        if (bi.length < 2 || ci.length < 2) {
            return "one fork and one iteration: nothing to judge by; run several forks";
        }
        Evidence e = Evidence.welch(bi, ci, bi.length + " v " + ci.length + " iterations");
        double perFork = (VarianceComponents.variance(bi) / bi.length * b.forks().length
                + VarianceComponents.variance(ci) / ci.length * c.forks().length) / 2; // one fork mean's variance
        int forks = forksFor(perFork, judgement);
        return String.format(Locale.ROOT, "indication only, not a verdict: the iterations say %+.1f%% (one-sided p %s); "
                + "one fork a side cannot tell a change from the forks' own spread: at least %d forks a side, "
                + "made back to back", 100 * Math.expm1(e.effect()), Table.probability(e.pWorse()), forks);
    }

    /** The fewest forks a side at which a lone change of the minimum effect could be flagged, if forks varied only as much as iterations. */
    private static int forksFor(double forkMeanVariance, Judgement judgement) {
        for (int n = 2; n <= 100; n++) {
            double se = Math.sqrt(2 * forkMeanVariance / n);
            if (org.apache.commons.statistics.distribution.TDistribution.of(2 * n - 2)
                    .inverseCumulativeProbability(1 - judgement.alpha()) * se <= Math.log1p(judgement.minEffect())) {
                return n;
            }
        }
        return 100;
    }

    private static double value(List<Measurement> measured) {
        return measured.isEmpty() ? Double.NaN
                : Math.exp(measured.stream().mapToDouble(m -> Math.log(m.center())).average().orElseThrow());
    }

    /** The runs' measurements per point, the order of the runs kept. */
    static Map<String, List<Measurement>> perPoint(List<Map<String, Measurement>> runs) {
        Map<String, List<Measurement>> perPoint = new LinkedHashMap<>();
        runs.forEach(run -> run.forEach((name, m) -> perPoint.computeIfAbsent(name, k -> new ArrayList<>()).add(m)));
        return perPoint;
    }
}
