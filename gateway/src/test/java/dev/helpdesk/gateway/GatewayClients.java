package dev.helpdesk.gateway;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import java.time.Duration;

/**
 * A test client with a new connection per request: a test that reads only the status leaves the body unread, and
 * a pooled client would keep such connections until its pool runs dry. Patient, because the build machine is
 * shared; the gateway's own timeouts are what the tests check.
 */
final class GatewayClients {

    private GatewayClients() {
    }

    static WebTestClient to(int port) {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }
}
