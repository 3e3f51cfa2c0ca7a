package dev.threadmark.workloads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The workloads, chosen by name. */
public final class Workloads {
    /** The workloads whose tasks block their thread in a call the runtime cannot see into. */
    public static final List<String> BLOCKING = List.of("blocking-sleep", NativeSleepWorkload.NAME);

    private static final Map<String, Function<WorkloadSettings, Workload>> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("sleep", s -> new SleepWorkload(s.sleep()));
        WORKLOADS.put("spin", s -> new SpinWorkload(s.spinTokens()));
        WORKLOADS.put("blocking-sleep", s -> new BlockingSleepWorkload(s.sleep()));
        WORKLOADS.put(NativeSleepWorkload.NAME, s -> new NativeSleepWorkload(s.sleep()));
        WORKLOADS.put(SocketWorkload.NAME, s -> new SocketWorkload(s.server()));
        for (int share : MixedWorkload.SHARES) {
            WORKLOADS.put(MixedWorkload.name(share), s -> MixedWorkload.of(share, s));
        }
    }

    /** A family name a user may give for all of its members. */
    private static final String MIXED_FAMILY = "mixed";

    private Workloads() {}

    public static List<String> names() {
        return List.copyOf(WORKLOADS.keySet());
    }

    public static Workload create(String name, WorkloadSettings settings) {
        requireKnown(name);
        return WORKLOADS.get(name).apply(settings);
    }

    /**
     * The workloads a name on the command line stands for: itself, or for {@code mixed} every
     * CPU share; anything else fails like {@link #requireKnown}.
     */
    public static List<String> expand(String name) {
        if (name.equals(MIXED_FAMILY)) {
            return MixedWorkload.SHARES.stream().map(MixedWorkload::name).toList();
        }
        requireKnown(name);
        return List.of(name);
    }

    /** Fails with a message that lists the known workloads, before anything is created. */
    public static void requireKnown(String name) {
        if (!WORKLOADS.containsKey(name)) {
            throw new IllegalArgumentException("unknown workload '" + name + "'; choose one of " + names()
                    + " (or " + MIXED_FAMILY + " for every " + MixedWorkload.PREFIX + "*)");
        }
    }
}
