package dev.threadmark.results;

/**
 * What the gate said of one point of a candidate run. The history records it per run and point,
 * so the vocabulary belongs to the results format; the rules that choose it are the gate's
 * ({@code gate/}, GATE.md).
 */
public enum Verdict {
    /** Measured on both sides; no change the rule can tell from noise. */
    SAME,
    /** Significantly better or worse, but by less than the minimum effect. */
    FASTER, SLOWER,
    /** Significantly worse (better) by at least the minimum effect. */
    REGRESSED, IMPROVED,
    /** The samples cannot flag even a large change of this point on its own: no verdict. */
    UNTESTABLE,
    /** Measured before, failing now. */
    NEWLY_FAILING,
    /** Measured before; over budget or skipped now (reported, not judged). */
    NOW_NOT_MEASURED, STILL_NOT_MEASURED,
    /** Only in the candidate, or only in the baseline. */
    NEW, GONE,
    /** Allocates more per operation than its baseline, beyond the allocation tolerance. */
    ALLOCATES_MORE;

    /** What fails the gate. */
    public boolean regression() {
        return this == REGRESSED || this == NEWLY_FAILING || this == ALLOCATES_MORE;
    }

    /**
     * Whether a night with this verdict on a point may stand in that point's baseline later: any
     * but a night the gate found worse (flagged, or significantly slower by less than the minimum
     * effect), so that a slowdown never becomes its own baseline. Untestable and new points'
     * nights do stand: they are no evidence of a change, and without them a point untestable or
     * new for want of nights could never gather any.
     */
    public boolean baselineWorthy() {
        return !regression() && this != SLOWER;
    }

    /** "regressed", "now not measured": as tables print it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
