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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The one-command system comes up: the gateway answers health, every service is ready and exposes its metrics on
 * its management port, which like the services listens on this machine only.
 */
@ExtendWith(RunningSystem.class)
class SystemStartsTest {

    private static final List<String> PROCESSES = List.of("ticket-service", "sla-service", "escalation-service",
            "budget-service", "gateway");

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
        InetAddress external = nonLoopbackAddress();
        assumeThat(external).as("this machine has a non-loopback IPv4 address").isNotNull();
        var config = RunningSystem.stack().config();
        assertThat(accepts(external, config.gateway().port())).as("gateway on " + external).isTrue();
        for (var process : config.services()) {
            assertThat(accepts(external, process.managementPort())).as(process.name() + " management port on " + external).isFalse();
            if (!process.isGateway()) {
                assertThat(accepts(external, process.port())).as(process.name() + " on " + external).isFalse();
            }
        }
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
