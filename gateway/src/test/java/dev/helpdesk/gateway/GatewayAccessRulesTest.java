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

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.helpdesk.gateway.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
/**
 * Who may pass and how much: token checks, role rules, rate and body limits, CORS, each shown against real HTTP
 * servers standing in for the services (a refused request never reaches them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "helpdesk.security.jwt-secret=" + TestTokens.SECRET,
        "helpdesk.gateway.cors.allowed-origins=https://portal.example.org",
        "helpdesk.gateway.rate-limit.capacity=30",
        "helpdesk.gateway.rate-limit.refill-per-second=1"})
class GatewayAccessRulesTest {

    private static final StandIns services = new StandIns();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @AfterAll
    static void stopServices() {
        services.close();
    }

    WebTestClient client;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeEach
    void forgetRequests() {
        services.forget();
        client = GatewayClients.to(port);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String someone() {
        return "user-" + UUID.randomUUID();
    }

    @LocalServerPort
    int port;

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    /** An address taken as written: no template expansion, no re-encoding. */
    private URI at(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
    }

    @Test
    void refusesMissingExpiredWronglySignedAndUnsignedTokens() {
        String subject = someone();
        String expired = TestTokens.token(subject, List.of("admin"), null, Duration.ofHours(-1), TestTokens.SECRET);
        String wrongKey = TestTokens.token(subject, List.of("admin"), null, Duration.ofHours(1),
                "another-secret-that-is-long-enough-0123456789");
        String valid = TestTokens.admin(subject);
        String[] parts = valid.split("\\.");
        String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String resigned = base64Url("{\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2];

        assertProblem(client.get().uri("/api/tickets").exchange(), 401)
                .path("type").asText().endsWith("unauthorized");
        for (String token : List.of(expired, wrongKey, unsigned, resigned, "not-a-jwt")) {
            var response = client.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange();
            response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            assertProblem(response, 401);
        }
        assertThat(services.allReceived()).isEmpty();
    }

    private static String base64Url(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
    }

    @Test
    void onlyAdminsReachAdminPathsAndAnalystsOnlyTheirReplays() {
        for (String token : List.of(TestTokens.contact(someone(), "org-1"), TestTokens.agent(someone()),
                TestTokens.manager(someone()))) {
            for (String service : List.of("tickets", "sla", "escalations", "budgets")) {
                assertProblem(client.post().uri("/api/admin/" + service + "/replays")
                        .header(HttpHeaders.AUTHORIZATION, bearer(token))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"projection\":\"x\"}")
                        .exchange(), 403);
            }
        }
        assertProblem(client.post().uri("/api/admin/sla/settings")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.analyst(someone())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange(), 403);
        assertThat(services.allReceived()).isEmpty();

        client.post().uri("/api/admin/sla/replays").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin(someone())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"projection\":\"x\"}")
                .exchange().expectStatus().isOk();
        assertThat(services.sla.last().path()).isEqualTo("/api/admin/sla/replays");
        client.get().uri("/api/admin/budgets/replays/r-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.analyst(someone())))
                .exchange().expectStatus().isOk();
        assertThat(services.budgets.last().path()).isEqualTo("/api/admin/budgets/replays/r-1");
    }

    @Test
    void onlyAnalystsAndAdminsReadTheEventHistory() {
        for (String token : List.of(TestTokens.contact(someone(), "org-1"), TestTokens.agent(someone()),
                TestTokens.manager(someone()))) {
            assertProblem(client.get().uri("/api/events?after=0").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(), 403);
        }
        assertThat(services.allReceived()).isEmpty();

        client.get().uri("/api/events?after=0").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.analyst(someone())))
                .exchange().expectStatus().isOk();
        client.get().uri("/api/events").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin(someone())))
                .exchange().expectStatus().isOk();
        assertThat(services.tickets.received()).extracting(ServiceStandIn.Received::path).containsOnly("/api/events");
    }

    @Test
    void limitsRequestsPerUserAndSaysWhenToRetry() {
        String busy = bearer(TestTokens.agent(someone()));
        int allowed = 0;
        WebTestClient.ResponseSpec response = client.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, busy).exchange();
        // capacity 30, refilled by one a second while the loop runs
        while (response.returnResult(String.class).getStatus().value() == 200 && allowed < 60) {
            allowed++;
            response = client.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, busy).exchange();
        }
        assertThat(allowed).isBetween(30, 59);
        response.expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isBetween(1L, 2L));
        assertProblem(response, 429);
        assertThat(services.tickets.received()).hasSize(allowed);
        assertThat(meters.counter("helpdesk.gateway.rate.limited", "caller", "user").count()).isPositive();

        // another user of the same client address has a bucket of their own
        client.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.agent(someone())))
                .exchange().expectStatus().isOk();
    }

    @Test
    void refusesBodiesOverTheLimitButLetsAttachmentSizedBodiesThrough() {
        String contact = bearer(TestTokens.contact(someone(), "org-1"));
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        client.post().uri("/api/tickets/t-1/attachments").header(HttpHeaders.AUTHORIZATION, contact)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(tenMegabytes)
                .exchange().expectStatus().isOk();
        assertThat(services.tickets.last().bodyBytes()).isEqualTo(tenMegabytes.length);
        services.forget();

        byte[] thirteenMegabytes = new byte[13 * 1024 * 1024];
        assertProblem(client.post().uri("/api/tickets/t-1/attachments").header(HttpHeaders.AUTHORIZATION, contact)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(thirteenMegabytes)
                .exchange(), 413);
        assertThat(services.allReceived()).isEmpty();
    }

    @Test
    void refusesAnOversizedBodyWithoutLengthWhileStreaming() throws Exception {
        String contact = bearer(TestTokens.contact(someone(), "org-1"));
        var http = java.net.http.HttpClient.newHttpClient();
        byte[] thirteenMegabytes = new byte[13 * 1024 * 1024];
        var request = java.net.http.HttpRequest.newBuilder(URI.create(baseUrl() + "/api/tickets/t-1/attachments"))
                .header("Authorization", contact)
                .header("Content-Type", "application/octet-stream")
                // an input stream publisher has no length: the body is sent chunked
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(thirteenMegabytes)))
                .build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void answersCorsPreflightsForPortalOriginsOnly() {
        client.options().uri("/api/tickets")
                .header(HttpHeaders.ORIGIN, "https://portal.example.org")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://portal.example.org")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"));

        var refused = client.options().uri("/api/tickets")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange();
        refused.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        assertProblem(refused, 403);

        client.get().uri("/api/tickets").header(HttpHeaders.ORIGIN, "https://portal.example.org")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.agent(someone())))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://portal.example.org")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed).contains("X-Correlation-Id"));
        assertThat(services.tickets.received()).hasSize(1);
    }

    @Test
    void aTooLongUriIsA414ProblemAndTooLargeHeadersA431Problem() {
        String longPath = "/api/tickets/" + "x".repeat(5000);
        assertThat(assertProblem(client.get().uri(longPath).exchange(), 414).path("type").asText())
                .isEqualTo("https://helpdesk.dev/problems/uri-too-long");
        assertThat(assertProblem(client.get().uri("/api/tickets?q=" + "y".repeat(5000)).exchange(), 414).path("type").asText())
                .isEqualTo("https://helpdesk.dev/problems/uri-too-long");
        assertThat(assertProblem(client.get().uri("/api/tickets").header("X-Padding", "z".repeat(9000)).exchange(), 431)
                .path("type").asText()).isEqualTo("https://helpdesk.dev/problems/request-headers-too-large");
        assertProblem(client.get().uri("/api/tickets/" + "x".repeat(3000)).exchange(), 401);
    }
}
