package dev.helpdesk.systemtests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-command system comes up: the gateway answers health, every service is ready and exposes its metrics on
 * its management port, which like the services listens on this machine only.
 */
@ExtendWith(RunningSystem.class)
class SystemStartsTest {

    private static final List<String> PROCESSES = List.of("ticket-service", "sla-service", "escalation-service",
            "budget-service", "webhook-service", "notification-service", "gateway");

    @Test
    void gatewayReportsHealthUp() {
        Api.Response health = RunningSystem.api().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.header("X-Correlation-Id")).isNotBlank();
    }

    @Test
    void everyProcessIsReadyAndExposesPrometheusMetricsOnItsManagementPortOnly() {
        Api api = RunningSystem.api();
        for (String process : PROCESSES) {
            String management = RunningSystem.stack().managementUrl(process);
            Api.Response readiness = api.send(HttpRequest.newBuilder(URI.create(management + "/actuator/health/readiness")).build());
            assertThat(readiness.status()).as(process + " readiness").isEqualTo(200);
            Api.Response metrics = api.send(HttpRequest.newBuilder(URI.create(management + "/actuator/prometheus")).build());
            assertThat(metrics.status()).as(process + " prometheus").isEqualTo(200);
            assertThat(metrics.body()).as(process + " prometheus").contains("jvm_memory_used_bytes");

            String main = RunningSystem.stack().serviceUrl(process);
            Api.Response onMainPort = api.send(HttpRequest.newBuilder(URI.create(main + "/actuator/prometheus")).build());
            assertThat(onMainPort.status()).as(process + " prometheus on its main port").isEqualTo(404);
        }
        Api.Response throughGateway = api.get("/actuator/prometheus", RunningSystem.tokens().token("admin-1", List.of("admin"), null));
        assertThat(throughGateway.status()).isEqualTo(404);
        assertThat(throughGateway.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void onlyTheGatewaysPublicPortAnswersOnAnAddressOtherMachinesReach() throws IOException {
        var config = RunningSystem.stack().config();
        // What the kernel says each port listens on: always checked, whatever addresses this machine has.
        Map<Integer, Set<String>> listening = listeningAddresses();
        assertThat(listening.get(config.gateway().port())).as("gateway's public port").isNotNull()
                .anySatisfy(address -> assertThat(isLoopback(address)).isFalse());
        for (var process : config.services()) {
            assertThat(listening.get(process.managementPort())).as(process.name() + " management port").isNotNull()
                    .allSatisfy(address -> assertThat(isLoopback(address)).as(address).isTrue());
            if (!process.isGateway()) {
                assertThat(listening.get(process.port())).as(process.name() + " API port").isNotNull()
                        .allSatisfy(address -> assertThat(isLoopback(address)).as(address).isTrue());
            }
        }
        // And, where this machine has an address other machines reach, what a connection there gets.
        InetAddress external = nonLoopbackAddress();
        if (external == null) {
            return;
        }
        assertThat(accepts(external, config.gateway().port())).as("gateway on " + external).isTrue();
        for (var process : config.services()) {
            assertThat(accepts(external, process.managementPort())).as(process.name() + " management port on " + external).isFalse();
            if (!process.isGateway()) {
                assertThat(accepts(external, process.port())).as(process.name() + " on " + external).isFalse();
            }
        }
    }

    /** Local addresses (hex, as the kernel writes them) of the listening TCP sockets, by port, from /proc/net/tcp{,6}. */
    private static Map<Integer, Set<String>> listeningAddresses() throws IOException {
        Map<Integer, Set<String>> byPort = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A")) { // LISTEN
                    String[] local = fields[1].split(":");
                    byPort.computeIfAbsent(Integer.parseInt(local[1], 16), port -> new HashSet<>()).add(local[0]);
                }
            }
        }
        return byPort;
    }

    /** 127.0.0.1, ::1 or ::ffff:127.0.0.1 as /proc/net/tcp{,6} writes them. */
    private static boolean isLoopback(String hexAddress) {
        return hexAddress.equals("0100007F") || hexAddress.equals("00000000000000000000000001000000")
                || hexAddress.equals("0000000000000000FFFF00000100007F");
    }

    @Test
    void theApiNeedsAToken() {
        Api.Response anonymous = RunningSystem.api().get("/api/tickets", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).contains("application/problem+json");
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : network.inetAddresses().toList()) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return address;
                    }
                }
            }
        }
        return null;
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
