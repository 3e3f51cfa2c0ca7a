package dev.threadmark.results;

/** One cell of the sweep: a model running a workload at a task count. */
public record Point(String workload, String model, int tasks) {
    @Override
    public String toString() {
        return model + "/" + workload + " tasks=" + TaskCounts.format(tasks);
    }
}
