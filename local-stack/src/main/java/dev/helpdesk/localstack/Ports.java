package dev.helpdesk.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks, before anything starts, that every port the stack needs is free, and names the one that is not. */
final class Ports {

    private Ports() {
    }

    static void requireFree(Map<String, Integer> portsByVariable) {
        Map<String, Integer> taken = new LinkedHashMap<>();
        portsByVariable.forEach((variable, port) -> {
            if (!isFree(port)) {
                taken.put(variable, port);
            }
        });
        if (!taken.isEmpty()) {
            StringBuilder message = new StringBuilder("Cannot start: ");
            taken.forEach((variable, port) -> message.append("port ").append(port).append(" (").append(variable)
                    .append(") is already in use; "));
            message.append("stop what uses it or choose another port with the variable named.");
            throw new IllegalStateException(message.toString());
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as servers do: a port with connections in TIME_WAIT is free to listen on
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port that is free right now, for tests and the system-test harness. It is drawn below the kernel's ephemeral
     * range ({@code /proc/sys/net/ipv4/ip_local_port_range}): a port taken from that range (binding port 0) may be
     * handed to some outgoing connection before the process it was picked for binds it, which happened in a benchmark
     * start. Falls back to the kernel's choice when no port below the range is free after a bounded number of tries.
     */
    static int findFree() {
        int below = ephemeralRangeStart();
        if (below - LOWEST_PICKED >= 1_000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(LOWEST_PICKED, below);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ports picked for tests start here, above the well-known and the usual registered services' ports. */
    private static final int LOWEST_PICKED = 20_000;

    /** The first port of the kernel's ephemeral range: Linux's file, else the IANA range's start (49152). */
    static int ephemeralRangeStart() {
        java.nio.file.Path range = java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            // line by line: Files.readString trusts the file's size, and /proc reports a wrong one (it read "3")
            return Integer.parseInt(java.nio.file.Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
