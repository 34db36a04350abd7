package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void namesTheTakenPortAndItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("HELPDESK_GATEWAY_PORT", taken.getLocalPort());
            ports.put("HELPDESK_SLA_PORT", Ports.findFree());
            assertThatThrownBy(() -> Ports.requireFree(ports))
                    .hasMessageContaining("port " + taken.getLocalPort() + " (HELPDESK_GATEWAY_PORT) is already in use")
                    .hasMessageNotContaining("HELPDESK_SLA_PORT");
        }
    }

    @Test
    void aPickedPortLiesBelowTheEphemeralRangeSoNoOutgoingConnectionCanTakeItFirst() {
        int ephemeralStart = Ports.ephemeralRangeStart();
        for (int i = 0; i < 20; i++) {
            int port = Ports.findFree();
            assertThat(port).isBetween(20_000, ephemeralStart - 1);
            assertThat(Ports.isFree(port)).isTrue();
        }
    }

    @Test
    void aPortJustClosedAfterServingIsFreeAgainAtOnce() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("0.0.0.0", 0));
            port = server.getLocalPort();
            try (Socket client = new Socket("localhost", port); Socket accepted = server.accept()) {
                OutputStream out = accepted.getOutputStream();
                out.write(42);
                out.flush();
                InputStream in = client.getInputStream();
                assertThat(in.read()).isEqualTo(42);
            }
        }
        // the server side closed first, so its end of the connection lingers in TIME_WAIT
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void aWholeStacksPortsAreDistinctAndKafkasControllerPortIsFreeAndUnpicked() {
        Map<String, String> env = FreePorts.environment();
        StackConfig config = StackConfig.fromEnvironment(env, false);
        java.util.List<Integer> ports = new java.util.ArrayList<>();
        ports.add(config.dbPort());
        ports.add(config.kafkaPort());
        ports.add(config.kafkaPort() + 1);
        config.services().forEach(s -> {
            ports.add(s.port());
            ports.add(s.managementPort());
        });
        ports.add(config.mailbox().smtpPort());
        ports.add(config.mailbox().webPort());
        assertThat(ports).as("no default port is left: every variable the launcher reads is set")
                .doesNotContain(15432, 19092, 8080, 8081, 8086, 9080, 9086, 3025, 8025);
        assertThat(ports).doesNotHaveDuplicates().hasSize(2 + 1 + 2 * 7 + 2);
        assertThat(Ports.isFree(config.kafkaPort() + 1)).isTrue();
    }
}
