package dev.threadmark.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One colour per model, the same in every chart and table (Okabe–Ito, readable by the colour-blind). */
public final class Palette {
    private static final List<String> KNOWN = List.of("platform", "platform-pool", "virtual", "user", "user-no-handoff");
    private static final Color[] COLORS = {new Color(0xD55E00), new Color(0xE69F00), new Color(0x0072B2),
        new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442)};

    /** Scorecard cell backgrounds: green, the model holds at every count measured. */
    static final String HOLDS = "#e3f4ea";
    /** Amber: not known to hold everywhere — a count is inconclusive, or larger counts are estimates. */
    static final String AMBER = "#fdf1dc";
    /** Red: a measured collapse. */
    static final String COLLAPSED = "#fbe3e1";

    private Palette() {}

    /** Scorecard cell kind ({@link Scorecard}) → its background, in the order the legend names them. */
    static Map<String, String> verdictColours() {
        Map<String, String> colours = new LinkedHashMap<>();
        colours.put("holds", HOLDS);
        colours.put("inconclusive", AMBER);
        colours.put("estimated", AMBER);
        colours.put("collapsed", COLLAPSED);
        return colours;
    }

    public static Color color(String model) {
        int i = KNOWN.indexOf(model);
        return COLORS[i >= 0 ? i : KNOWN.size() + Math.floorMod(model.hashCode(), COLORS.length - KNOWN.size())];
    }

    public static String hex(String model) {
        Color c = color(model);
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** Models in the report's order: known ones first, then others by name. */
    public static final java.util.Comparator<String> MODEL_ORDER =
            java.util.Comparator.comparingInt(Palette::order).thenComparing(java.util.Comparator.naturalOrder());


    public static int order(String model) {
        int i = KNOWN.indexOf(model);
        return i >= 0 ? i : KNOWN.size();
    }
}
