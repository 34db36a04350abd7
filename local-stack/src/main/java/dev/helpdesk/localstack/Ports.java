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

    /** A port that is free right now, for tests and the system-test harness. */
    static int findFree() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
