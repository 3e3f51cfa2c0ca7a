package dev.threadmark.workloads;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the reply server listens, as one line of text ({@code 127.0.0.1:40001,127.0.0.2:40002}):
 * what the server prints when it is ready and what a benchmark fork is given to connect to.
 */
public record ServerAddresses(List<InetSocketAddress> addresses) {
    public ServerAddresses {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one address");
        }
    }

    public static ServerAddresses parse(String text) {
        return new ServerAddresses(Arrays.stream(text.strip().split(",")).map(ServerAddresses::address).toList());
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not host:port: '" + hostPort + "'");
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The address connection {@code i} goes to: round-robin, so each address pair's ~28k ephemeral ports are not the limit. */
    public InetSocketAddress forConnection(int i) {
        return addresses.get(i % addresses.size());
    }

    @Override
    public String toString() {
        return addresses.stream().map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(","));
    }
}
