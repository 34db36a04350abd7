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
            ports.put("GATEWAY_PORT", taken.getLocalPort());
            ports.put("SLA_SERVICE_PORT", Ports.findFree());
            assertThatThrownBy(() -> Ports.requireFree(ports))
                    .hasMessageContaining("port " + taken.getLocalPort() + " (GATEWAY_PORT) is already in use")
                    .hasMessageNotContaining("SLA_SERVICE_PORT");
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
}
