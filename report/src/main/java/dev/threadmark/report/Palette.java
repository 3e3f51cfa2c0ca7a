package dev.threadmark.report;

import java.awt.Color;
import java.util.List;

/** One colour per model, the same in every chart and table (Okabe–Ito, readable by the colour-blind). */
public final class Palette {
    private static final List<String> KNOWN = List.of("platform", "platform-pool", "virtual", "user", "user-no-handoff");
    private static final Color[] COLORS = {new Color(0xD55E00), new Color(0xE69F00), new Color(0x0072B2),
        new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442)};

    private Palette() {}

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
