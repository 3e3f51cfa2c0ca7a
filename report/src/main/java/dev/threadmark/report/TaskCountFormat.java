package dev.threadmark.report;

import dev.threadmark.results.TaskCounts;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/** Axis labels for task counts: 1, 10, 100, 1k, 10k, 100k, 1M. */
final class TaskCountFormat extends NumberFormat {
    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        return format(Math.round(number), to, pos);
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
        return to.append(TaskCounts.format(number));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("labels only");
    }
}
