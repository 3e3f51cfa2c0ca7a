package dev.threadmark.results;

/** One cell of the sweep: a model running a workload at a task count. */
public record Point(String workload, String model, int tasks) {
    /** The point's name in comparisons and in the history: model/workload/tasks. */
    public String name() {
        return name(model, workload, tasks);
    }

    public static String name(String model, String workload, long tasks) {
        return model + "/" + workload + "/" + tasks;
    }

    @Override
    public String toString() {
        return model + "/" + workload + " tasks=" + TaskCounts.format(tasks);
    }
}
