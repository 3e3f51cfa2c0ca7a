package dev.threadmark.workloads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The workloads, chosen by name. */
public final class Workloads {
    private static final Map<String, Function<WorkloadSettings, Workload>> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("sleep", s -> new SleepWorkload(s.sleep()));
        WORKLOADS.put("spin", s -> new SpinWorkload(s.spinTokens()));
        WORKLOADS.put("blocking-sleep", s -> new BlockingSleepWorkload(s.sleep()));
    }

    private Workloads() {}

    public static List<String> names() {
        return List.copyOf(WORKLOADS.keySet());
    }

    public static Workload create(String name, WorkloadSettings settings) {
        requireKnown(name);
        return WORKLOADS.get(name).apply(settings);
    }

    /** Fails with a message that lists the known workloads, before anything is created. */
    public static void requireKnown(String name) {
        if (!WORKLOADS.containsKey(name)) {
            throw new IllegalArgumentException("unknown workload '" + name + "'; choose one of " + names());
        }
    }
}
