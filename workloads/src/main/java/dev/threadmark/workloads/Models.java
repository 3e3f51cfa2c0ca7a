package dev.threadmark.workloads;

import dev.threadmark.userthreads.Scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The threading models, chosen by name. */
public final class Models {
    /** Not swept unless asked for: the hand-off's counterfactual, for the blocking workloads. */
    public static final String USER_NO_HANDOFF = "user-no-handoff";

    private static final Map<String, Function<ModelSettings, ThreadModel>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("platform", s -> ThreadPerTask.platform());
        MODELS.put("platform-pool", s -> new PlatformPool(s.poolSize()));
        MODELS.put("virtual", s -> ThreadPerTask.virtual());
        MODELS.put("user", s -> new UserThreads("user", new Scheduler(s.workers())));
        // Our scheduler with the blocking hand-off off: what a blocked carrier costs without sysmon.
        MODELS.put(USER_NO_HANDOFF, s -> new UserThreads(USER_NO_HANDOFF, new Scheduler(s.workers(), 0)));
    }


    private Models() {}

    /** Every model name, in the order a report lists them. */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /** The four threading models, without the counterfactual. */
    public static List<String> defaults() {
        return names().stream().filter(n -> !n.equals(USER_NO_HANDOFF)).toList();
    }

    /**
     * Whether a sweep runs {@code model} on {@code workload}: every model runs every workload but
     * {@code user-no-handoff}, whose only purpose is to show what the hand-off changes — it runs
     * only the blocking workloads ({@link Workloads#BLOCKING}).
     */
    public static boolean sweeps(String model, String workload) {
        return !model.equals(USER_NO_HANDOFF) || Workloads.BLOCKING.contains(workload);
    }

    public static ThreadModel create(String name, ModelSettings settings) {
        requireKnown(name);
        return MODELS.get(name).apply(settings);
    }

    /** Fails with a message that lists the known models, before anything is created. */
    public static void requireKnown(String name) {
        if (!MODELS.containsKey(name)) {
            throw new IllegalArgumentException("unknown threading model '" + name + "'; choose one of " + names());
        }
    }
}
