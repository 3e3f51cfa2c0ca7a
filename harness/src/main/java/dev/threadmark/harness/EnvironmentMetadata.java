package dev.threadmark.harness;

import dev.threadmark.results.RunMetadata;
import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * The environment half of {@code run.properties}, which needs JMH and the fork flags: kept out of
 * {@link RunMetadata} so that the results format reads without them.
 */
final class EnvironmentMetadata {
    private EnvironmentMetadata() {}

    /** What this JVM knows about itself and its machine; the JMH forks run the same java binary. */
    static RunMetadata describe() {
        Runtime rt = Runtime.getRuntime();
        return new RunMetadata()
                .put("jdk.version", System.getProperty("java.version"))
                .put("jdk.vendor", System.getProperty("java.vendor"))
                .put("jdk.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"))
                .put("jdk.home", System.getProperty("java.home"))
                .put("jvm.args.host", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .put("jvm.args.fork", ForkJvm.line())
                .put("machine.cores", rt.availableProcessors())
                .put("machine.os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"))
                .put("machine.host", hostName())
                .put(RunMetadata.CPU_MODEL, cpuModel())
                .put("jmh.version", org.openjdk.jmh.util.Version.getPlainVersion());
    }

    /**
     * The processor, as {@code /proc/cpuinfo} names it ("AMD EPYC 7763 64-Core Processor"): two
     * runners of one OS and core count can still be different hardware, and the gate pools only
     * runs of one model. Elsewhere (no /proc, or no "model name" line, as on some ARM kernels) the
     * architecture stands in for it.
     */
    static String cpuModel() {
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
