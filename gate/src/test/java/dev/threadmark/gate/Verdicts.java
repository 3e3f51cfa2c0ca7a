package dev.threadmark.gate;

import dev.threadmark.results.Verdict;

/** Test helper: whether a history verdict cell flags its point. */
final class Verdicts {
    private Verdicts() {}

    static boolean flagged(String verdict) {
        return !verdict.isEmpty() && Verdict.valueOf(verdict).regression();
    }
}
