package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import dev.threadmark.results.ServerCsv;
import dev.threadmark.results.TaskCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The "Real I/O" section's sentence: what the {@code socket} workload measures, said so that a
 * newcomer gets it, then each model at the largest count all of them measured, in service times,
 * with what the reply server (another process) spent on the CPU per operation, and what the OS
 * refused.
 */
final class RealIoSection {
    private RealIoSection() {}

    static String sentence(Map<String, List<PointResult>> socket, RunData run) {
        String service = run.meta("workload.sleep.ms");
        StringBuilder s = new StringBuilder("Each task sends a small request over its own TCP connection to a server in "
                + "another process and waits for the reply, which the server sends " + service + " ms later — a "
                + "database call, for real; perfect concurrency answers N of them in one service time (dashed), "
                + "whatever N.");
        OptionalLong common = BlockingSection.commonCount(socket);
        if (common.isPresent()) {
            long n = common.getAsLong();
            double oneService = Double.parseDouble(service);
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, List<PointResult>> e : socket.entrySet()) {
                PointResult p = ReportModel.pointAt(e.getValue(), n).orElseThrow();
                String cpu = serverRow(run, p).filter(r -> !Double.isNaN(r.cpuMsPerOperation()))
                        .map(r -> "; server CPU " + Format.ms(r.cpuMsPerOperation()) + " per operation, "
                                + Format.significant(r.cpuMicrosPerRequest()) + " µs per request")
                        .orElse("");
                parts.add(e.getKey() + " takes " + Format.ms(p.score()) + " (" + Format.significant(p.score() / oneService)
                        + " service times" + cpu + ")");
            }
            s.append(" With ").append(TaskCounts.format(n)).append(" connections, ").append(String.join("; ", parts))
                    .append('.');
        }
        socket.values().stream().flatMap(List::stream).filter(p -> p.status() == PointStatus.FAILED)
                .min(java.util.Comparator.comparingInt(p -> p.point().tasks()))
                .ifPresent(p -> s.append(" The first count that failed: ").append(TaskCounts.format(p.point().tasks()))
                        .append(" connections (").append(p.point().model()).append(": ").append(p.reason())
                        .append(") — when the OS refuses file descriptors or ports, that is where this machine stops."));
        return s.toString();
    }

    private static Optional<ServerCsv.Row> serverRow(RunData run, PointResult p) {
        return run.server().stream().filter(r -> r.point().equals(p.point())).findFirst();
    }
}
