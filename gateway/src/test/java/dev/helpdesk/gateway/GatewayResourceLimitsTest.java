package dev.helpdesk.gateway;

import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static dev.helpdesk.gateway.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, resource consumption at the door, with the gateway's default limits: JSON bodies are small (64 KB) and
 * refused before anything reaches a service, attachment uploads keep their 12 MB cap, and callers without a valid
 * token are rate-limited per client address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "helpdesk.security.jwt-secret=" + TestTokens.SECRET})
class GatewayResourceLimitsTest {

    private static final StandIns services = new StandIns();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @AfterAll
    static void stopServices() {
        services.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    WebTestClient client;

    @BeforeEach
    void forgetRequests() {
        services.forget();
        client = GatewayClients.to(port);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String agent() {
        return bearer(TestTokens.agent("agent-" + UUID.randomUUID()));
    }

    private static byte[] jsonOf(int bytes) {
        String padding = "x".repeat(bytes - "{\"title\":\"\"}".length());
        return ("{\"title\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aOneMegabyteJsonBodyIsRefusedWith413BeforeAnyServiceSeesIt() {
        assertProblem(client.post().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, agent())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(jsonOf(1024 * 1024)).exchange(), 413);
        assertProblem(client.put().uri("/api/sla/policies/huge").header(HttpHeaders.AUTHORIZATION, agent())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(jsonOf(65 * 1024)).exchange(), 413);
        // the JSON limit follows the route, not the type the client claims
        assertProblem(client.post().uri("/api/tickets/t-1/comments").header(HttpHeaders.AUTHORIZATION, agent())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[1024 * 1024]).exchange(), 413);

        assertThat(services.allReceived()).isEmpty();
    }

    @Test
    void aJsonBodyWithoutLengthIsCutOffAtTheJsonLimit() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets"))
                .header("Authorization", agent())
                .header("Content-Type", "application/json")
                // an input stream publisher has no length: the body is sent chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(jsonOf(1024 * 1024))))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void smallJsonBodiesAndAttachmentSizedUploadsPass() {
        client.post().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, agent())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(jsonOf(60 * 1024)).exchange().expectStatus().isOk();
        byte[] fiveMegabytes = new byte[5 * 1024 * 1024];
        client.post().uri("/api/tickets/t-1/attachments").header(HttpHeaders.AUTHORIZATION, agent())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(fiveMegabytes).exchange().expectStatus().isOk();

        assertThat(services.tickets.received()).extracting(ServiceStandIn.Received::bodyBytes)
                .containsExactly(60L * 1024, (long) fiveMegabytes.length);
    }

    @Test
    void twoHundredRequestsWithoutAValidTokenFromOneAddressGet429s() {
        String forged = bearer(TestTokens.token("intruder", List.of("admin"), null, java.time.Duration.ofHours(1),
                "another-secret-of-at-least-32-bytes-0123456789"));
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < 200; i++) {
            // first a hundred forged tokens, then a hundred requests without any
            WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/api/tickets");
            if (i < 100) {
                request = request.header(HttpHeaders.AUTHORIZATION, forged);
            }
            var result = request.exchange().returnResult(String.class);
            int status = result.getStatus().value();
            if (status == 429) {
                limited++;
                assertThat(Long.parseLong(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
            } else {
                assertThat(status).isEqualTo(401);
                unauthorized++;
            }
        }

        assertThat(limited).isGreaterThanOrEqualTo(100);
        assertThat(unauthorized).isBetween(30, 100);
        assertProblem(client.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, forged).exchange(), 429)
                .path("type").asText().endsWith("rate-limited");
        assertThat(meters.counter("helpdesk.gateway.rate.limited", "caller", "address").count()).isGreaterThanOrEqualTo(limited);
        assertThat(services.allReceived()).isEmpty();
        // a signed-in user behind the same address keeps their own budget
        client.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, agent()).exchange().expectStatus().isOk();
    }
}
