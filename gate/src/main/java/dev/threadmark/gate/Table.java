package dev.threadmark.gate;

import dev.threadmark.report.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The judged points as a benchstat-like table, plain text or GitHub Markdown: old and new values,
 * the change in the point's own units, what the samples were ("10 nights", "5 trials"), the
 * one-sided p and its adjusted q, the smallest change the point could flag alone, bytes per
 * operation when they were measured, and the verdict. The plain table sizes its first column to
 * the longest name, so long benchmark names (with their parameters) do not shift the columns.
 */
final class Table {
    private Table() {}

    private static final String[] HEADER = {"point", "old", "new", "change", "samples", "p", "q", "flags alone ≥",
        "B/op", "verdict"};

    static String format(List<Judgement.Row> rows, boolean markdown) {
        List<String[]> cells = new ArrayList<>();
        for (Judgement.Row r : rows) {
            Judgement.Case c = r.c();
            String change = Double.isNaN(r.change()) ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * r.change());
            String verdict = r.verdict().label() + (r.since().isEmpty() ? "" : " since " + r.since());
            cells.add(new String[] {c.name(), value(c.oldValue(), c.unit()), value(c.newValue(), c.unit()), change,
                c.evidence() == null ? "" : c.evidence().basis(), probability(r.p()), probability(r.q()),
                Double.isNaN(r.detectable()) ? "" : String.format(Locale.ROOT, "%+.0f%%", 100 * r.detectable()),
                allocation(c.allocation()), markdown && r.verdict().regression() ? "**" + verdict + "**" : verdict});
        }
        double g = Judgement.geomeanWorse(rows);
        String geomean = Double.isNaN(g) ? "" : String.format(Locale.ROOT, "%+.1f%% worse", 100 * g);
        StringBuilder b = new StringBuilder();
        if (markdown) {
            b.append("| ").append(String.join(" | ", HEADER)).append(" |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            cells.forEach(row -> b.append("| ").append(String.join(" | ", row)).append(" |\n"));
            b.append("| **geomean** | | | ").append(geomean).append(" | | | | | | |\n");
        } else {
            int[] width = new int[HEADER.length];
            List<String[]> all = new ArrayList<>(List.<String[]>of(HEADER));
            all.addAll(cells);
            for (String[] row : all) {
                for (int i = 0; i < row.length; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            all.forEach(row -> line(b, row, width));
            b.append("geomean of the tested points' changes toward worse: ").append(geomean.isEmpty() ? "–" : geomean)
                    .append('\n');
        }
        rows.stream().filter(r -> !r.c().note().isEmpty())
                .forEach(r -> b.append(markdown ? "- " : "  ").append(r.name()).append(": ").append(r.c().note())
                        .append('\n'));
        return b.toString();
    }

    private static void line(StringBuilder b, String[] row, int[] width) {
        for (int i = 0; i < row.length; i++) {
            String cell = row[i];
            boolean last = i == row.length - 1;
            String pad = last ? "" : " ".repeat(width[i] - cell.length());
            // names and verdicts read left to right; numbers line up on the right
            b.append(i == 0 || last ? cell + pad : pad + cell);
            b.append(i == row.length - 1 ? "" : "  ");
        }
        b.append('\n');
    }

    private static String allocation(Allocation a) {
        if (Double.isNaN(a.before()) || Double.isNaN(a.after())) {
            return "";
        }
        return number(a.before()) + "→" + number(a.after());
    }

    /** The last line of a comparison, which scripts and people grep for. */
    static String outcome(boolean regressed) {
        return regressed ? "REGRESSION: at least one point got significantly worse" : "no regression";
    }

    static String probability(double p) {
        return Double.isNaN(p) ? "" : p < 0.001 ? String.format(Locale.ROOT, "%.1e", p)
                : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String value(double v, String unit) {
        return Double.isNaN(v) ? "–" : number(v) + " " + unit;
    }

    /** Four significant digits, large values grouped rather than in exponent form (51,450 ops/s). */
    private static String number(double v) {
        return Math.abs(v) >= 10_000 ? String.format(Locale.ROOT, "%,.0f", v) : Format.number(v);
    }
}
