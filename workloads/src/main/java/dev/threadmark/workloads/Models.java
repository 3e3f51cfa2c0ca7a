package dev.threadmark.workloads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The threading models, chosen by name. */
public final class Models {
    private static final Map<String, Function<ModelSettings, ThreadModel>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("platform", s -> ThreadPerTask.platform());
        MODELS.put("platform-pool", s -> new PlatformPool(s.poolSize()));
        MODELS.put("virtual", s -> ThreadPerTask.virtual());
        MODELS.put("user", s -> new UserThreads(s.workers()));
    }

    private Models() {}

    /** Every model name, in the order a report lists them. */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
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
