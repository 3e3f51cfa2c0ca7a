package dev.threadmark.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The nightly's "noise per point" table: for each point judged against at least two nights, its
 * {@link VarianceComponents} and what they call for — forks worth running a night, and the
 * baseline nights needed to flag a lone change of the minimum effect ("never" when the nights'
 * own spread is too wide for any number of them).
 */
final class Noise {
    private Noise() {}

    /** Nights the search for "nights needed" goes up to. */
    static final int NIGHTS_CAP = 60;

    static String table(Nightly.Baseline baseline, List<Judgement.Row> rows, Judgement judgement) {
        int tested = (int) rows.stream().filter(r -> r.c().evidence() != null).count();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"point", "spread (log sd)", "forks worth running", "nights needed"});
        for (Judgement.Row r : rows) {
            List<Measurement> nights = baseline.measurements().getOrDefault(r.name(), List.of()).stream()
                    .filter(Measurement::measured).toList();
            if (nights.size() < 2) {
                continue;
            }
            VarianceComponents v = VarianceComponents.of(nights.stream().map(Measurement::forks).toList());
            String forks = v.forksWorthRunning().stream().mapToObj(n -> n == Integer.MAX_VALUE ? "any (nights agree)"
                    : Integer.toString(n)).findFirst().orElse("?");
            String needed = v.nightsNeeded(judgement.alpha(), tested, judgement.minEffect(), NIGHTS_CAP).stream()
                    .mapToObj(Integer::toString).findFirst().orElse(Double.isNaN(v.night()) ? "?" : "never");
            lines.add(new String[] {r.name(), v.describe(), forks, needed});
        }
        if (lines.size() == 1) {
            return "";
        }
        int w = lines.stream().mapToInt(l -> l[0].length()).max().orElse(5);
        StringBuilder b = new StringBuilder();
        for (String[] l : lines) {
            b.append(String.format(Locale.ROOT, "%-" + w + "s  %-48s  %-20s  %s%n", (Object[]) l));
        }
        return b.toString();
    }
}
