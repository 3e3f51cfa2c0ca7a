package dev.threadmark.report;

import java.util.Map;

/**
 * A run's environment in a few words, "2 cores · Linux amd64 · JDK 25.0.3 (Eclipse Adoptium)":
 * the title of each run when a report puts runs from several machines or JDKs side by side (the
 * nightly's cross-environment report). The words are among those the gate pools by.
 */
final class EnvironmentLabel {
    private EnvironmentLabel() {}

    static String of(Map<String, String> metadata) {
        StringBuilder label = new StringBuilder(metadata.getOrDefault("machine.cores", "?")).append(" cores");
        String kind = dev.threadmark.results.RunMetadata.machineKind(metadata);
        if (!kind.isBlank()) {
            label.append(" · ").append(kind);
        }
        String jdk = metadata.getOrDefault("jdk.version", "");
        if (!jdk.isBlank()) {
            label.append(" · JDK ").append(jdk);
            String vendor = metadata.getOrDefault("jdk.vendor", "");
            if (!vendor.isBlank()) {
                label.append(" (").append(vendor).append(')');
            }
        }
        return label.toString();
    }
}
