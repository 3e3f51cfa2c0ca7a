package dev.threadmark.harness;

import dev.threadmark.results.Point;
import dev.threadmark.results.ServerCsv;

import dev.threadmark.workloads.ReplyServer;
import dev.threadmark.workloads.ServerAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code socket} workload's {@link ReplyServer}, started for one point in the fixed measuring
 * JVM ({@link ForkJvm}) as a child of the sweep, so its threads and garbage stay out of the
 * benchmark forks, and stopped when the point is done.
 *
 * <p>Every wait is bounded and nothing outlives us: start-up is given {@link #START_TIMEOUT};
 * {@link #stop} closes the server's standard input (its signal to finish) and kills it if it is
 * not gone after {@link #STOP_TIMEOUT}; {@link #close} kills it on every other path; a shutdown
 * hook covers Ctrl-C; the point watchdog kills it with the forks; and if the sweep dies outright
 * the server sees its standard input end and exits by itself. Its output goes to a file, as in
 * {@link Subprocess}, so it can never block on a pipe nobody reads.
 */
final class ReplyServerProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Loopback addresses the server listens on. The kernel keeps ~28k ephemeral ports
     * (ip_local_port_range 32768–60999) per destination, so a million connections need 36.
     */
    static final int ADDRESSES = 40;

    private final Process process;
    private final Path log;
    private final ServerAddresses addresses;
    private final Duration cpuAtStart;
    private final Thread killer;

    private ReplyServerProcess(Process process, Path log, ServerAddresses addresses, Duration cpuAtStart,
            Thread killer) {
        this.process = process;
        this.log = log;
        this.addresses = addresses;
        this.cpuAtStart = cpuAtStart;
        this.killer = killer;
    }

    /** What the server did during a point. */
    record Load(Duration cpu, long requests, List<String> refusals) {
        /** This load as the point's row of {@code server.csv}. */
        ServerCsv.Row row(Point point) {
            return new ServerCsv.Row(point, cpu.toNanos() / 1e6, requests, String.join("; ", refusals));
        }
    }

    /**
     * Starts a server whose replies follow their requests after {@code service}, and waits until
     * it listens.
     *
     * @param limitPrefix commands put before {@code java} (e.g. {@code prlimit --nofile=…}); empty normally
     * @throws IOException when it could not start, with its last line of output
     */
    static ReplyServerProcess start(Duration service, List<String> limitPrefix) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(limitPrefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ForkJvm.flags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReplyServer.class.getName(),
                "--service-ms", Long.toString(service.toMillis()), "--addresses", Integer.toString(ADDRESSES)));
        Path log = Files.createTempFile("threadmark-reply-server", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread killer = new Thread(() -> kill(process));
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (true) {
                Optional<String> listening = lines(log).stream().filter(l -> l.startsWith(ReplyServer.LISTENING))
                        .findFirst();
                if (listening.isPresent()) {
                    ServerAddresses addresses = ServerAddresses.parse(listening.get()
                            .substring(ReplyServer.LISTENING.length()));
                    return new ReplyServerProcess(process, log, addresses, cpu(process), killer);
                }
                if (!process.isAlive()) {
                    throw new IOException("the reply server exited with code " + process.exitValue() + ": "
                            + lastLine(log));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("the reply server did not listen within " + Durations.format(START_TIMEOUT)
                            + "; last output: " + lastLine(log));
                }
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            kill(process);
            forget(killer);
            Files.deleteIfExists(log);
            throw e;
        }
    }

    ServerAddresses addresses() {
        return addresses;
    }

    /** What the OS has refused the server so far, in the server's words. */
    List<String> refusals() throws IOException {
        return lines(log).stream().filter(l -> l.startsWith(ReplyServer.REFUSED))
                .map(l -> l.substring(ReplyServer.REFUSED.length())).toList();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server and says what it did since it was ready: CPU time, requests served, what the OS refused it. */
    Load stop() throws IOException, InterruptedException {
        // Read while it runs: a dead process has no CPU time to read (killed by the watchdog: zero).
        Duration cpu = process.isAlive() ? cpu(process).minus(cpuAtStart) : Duration.ZERO;
        process.getOutputStream().close();
        if (!process.waitFor(STOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            kill(process);
        }
        long requests = lines(log).stream().filter(l -> l.startsWith(ReplyServer.SERVED))
                .mapToLong(l -> Long.parseLong(l.substring(ReplyServer.SERVED.length()).split(" ")[0]))
                .findFirst().orElse(-1);
        return new Load(cpu, requests, refusals());
    }

    @Override
    public void close() throws IOException {
        kill(process);
        forget(killer);
        Files.deleteIfExists(log);
    }

    /** Removes the shutdown hook, unless the JVM is already shutting down (then the hook is running). */
    private static void forget(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook kills the server
        }
    }

    private static void kill(Process process) {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(STOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** CPU time of the server's JVM (user + system, from /proc), or zero where the OS does not say. */
    private static Duration cpu(Process process) {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The complete lines the server has written so far (a line being written is not yet one). */
    private static List<String> lines(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = lines(log);
        return lines.isEmpty() ? "no output" : lines.getLast();
    }
}
