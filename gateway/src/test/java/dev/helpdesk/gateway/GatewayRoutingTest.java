package dev.helpdesk.gateway;

import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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
import static org.awaitility.Awaitility.await;
/**
 * The gateway in front of four real HTTP servers standing in for the services, which record what they receive:
 * where each path goes, what is forwarded and what is not, correlation ids, API documents, actuator, SSRF.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "helpdesk.security.jwt-secret=" + TestTokens.SECRET})
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability(tracing = false)
class GatewayRoutingTest {

    private static final StandIns services = new StandIns();
    private static final ServiceStandIn elsewhere = new ServiceStandIn("elsewhere");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @AfterAll
    static void stopServices() {
        services.close();
        elsewhere.close();
    }

    WebTestClient client;

    @BeforeEach
    void forgetRequests() {
        services.forget();
        elsewhere.forget();
        client = GatewayClients.to(port);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String someone() {
        return "user-" + UUID.randomUUID();
    }

    private ServiceStandIn service(String name) {
        return switch (name) {
            case "tickets" -> services.tickets;
            case "sla" -> services.sla;
            case "escalations" -> services.escalations;
            case "budgets" -> services.budgets;
            case "webhooks" -> services.webhooks;
            case "notifications" -> services.notifications;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    /** An address taken as written: no template expansion, no re-encoding. */
    private URI at(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
    }

    @ParameterizedTest
    @CsvSource({
            "/api/organizations/o-1, tickets",
            "/api/tickets/t-1/comments, tickets",
            "/api/events?after=10&limit=5, tickets",
            "/api/sla/tickets/t-1, sla",
            "/api/escalations?ticketId=t-1, escalations",
            "/api/budgets/o-1/entries, budgets",
            "/api/admin/tickets/replays/r-1, tickets",
            "/api/admin/sla/replays, sla",
            "/api/admin/escalations/replays, escalations",
            "/api/admin/budgets/replays, budgets",
            "/api/webhooks, webhooks",
            "/api/webhooks/w-1/deliveries?page=1, webhooks",
            "/api/me/notifications, notifications"})
    void routesEachPathToItsServiceKeepingPathAndQuery(String pathAndQuery, String expectedService) {
        client.get().uri(at(pathAndQuery)).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin(someone())))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(expectedService);

        ServiceStandIn.Received received = service(expectedService).last();
        String[] parts = pathAndQuery.split("\\?", 2);
        assertThat(received.path()).isEqualTo(parts[0]);
        assertThat(received.query()).isEqualTo(parts.length > 1 ? parts[1] : null);
        assertThat(services.allReceived()).hasSize(1);
    }

    @Test
    void unknownPathsAnswerNotFoundWithoutReachingAnyService() {
        String admin = bearer(TestTokens.admin(someone()));
        assertProblem(client.get().uri("/api/reports/x").header(HttpHeaders.AUTHORIZATION, admin).exchange(), 404);
        assertProblem(client.get().uri("/api/admin/billing/replays").header(HttpHeaders.AUTHORIZATION, admin).exchange(), 404);
        assertProblem(client.get().uri("/nothing-here").exchange(), 404);
        assertThat(services.allReceived()).isEmpty();
    }

    @Test
    void stripsIdentityHeadersAndForwardsTokenAndCorrelationId() {
        String token = TestTokens.contact(someone(), "org-1");
        client.post().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("X-Correlation-Id", "corr-identity-1")
                .header("X-User-Id", "someone-else")
                .header("X-Roles", "admin")
                .header("X-Org", "org-2")
                .header("X-Organization-Id", "org-2")
                .header("X-Forwarded-User", "admin")
                .header("X-Auth-Request-User", "admin")
                .header("Remote-User", "admin")
                .header("Idempotency-Key", "k-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"site down\"}")
                .exchange()
                .expectStatus().isOk();

        ServiceStandIn.Received received = services.tickets.last();
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(received.header("X-Correlation-Id")).isEqualTo("corr-identity-1");
        assertThat(received.header("Idempotency-Key")).isEqualTo("k-1");
        assertThat(received.header("Content-Type")).startsWith("application/json");
        for (String identity : List.of("X-User-Id", "X-Roles", "X-Org", "X-Organization-Id", "X-Forwarded-User",
                "X-Auth-Request-User", "Remote-User")) {
            assertThat(received.hasHeader(identity)).as(identity).isFalse();
        }
    }

    @Test
    void echoesASafeCorrelationIdOrMakesOneAndLogsIt(CapturedOutput output) {
        client.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.agent(someone())))
                .header("X-Correlation-Id", "corr-echo-42")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().values("X-Correlation-Id", values -> assertThat(values).containsExactly("corr-echo-42"));
        // the log line carries the id (MDC key correlationId), whatever the log pattern around it
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines())
                .anyMatch(line -> line.contains("corr-echo-42") && line.contains("GET /api/tickets -> 200")));

        String made = client.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.agent(someone())))
                .header("X-Correlation-Id", "<script>alert(1)</script>")
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(made).matches("[0-9a-f-]{36}");
        assertThat(services.tickets.last().header("X-Correlation-Id")).isEqualTo(made);

        client.get().uri("/api/tickets").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value("X-Correlation-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void exposesOnlyItsHealthOnThePublicPortAndNoActuatorOfAnyService() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        String admin = bearer(TestTokens.admin(someone()));
        // metrics are the management port's only: not public, with or without a token
        assertProblem(client.get().uri("/actuator/prometheus").exchange(), 404);
        assertProblem(client.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, admin).exchange(), 404);
        assertProblem(client.get().uri("/actuator/health/diskSpace").exchange(), 404);
        GatewayClients.to(managementPort).get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
        GatewayClients.to(managementPort).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

        // open paths answer even with a stale token
        String expired = bearer(TestTokens.token(someone(), List.of("agent"), null, Duration.ofHours(-1), TestTokens.SECRET));
        client.get().uri("/actuator/health/readiness").header(HttpHeaders.AUTHORIZATION, expired).exchange().expectStatus().isOk();
        client.get().uri("/v3/api-docs/sla").header(HttpHeaders.AUTHORIZATION, expired).exchange().expectStatus().isOk();
        services.forget();

        for (String path : List.of("/actuator/env", "/actuator/gateway/routes", "/actuator/heapdump",
                "/api/actuator/env", "/api/admin/actuator/env")) {
            assertProblem(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, admin).exchange(), 404);
        }
        assertProblem(client.post().uri("/actuator/gateway/routes/evil").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"uri\":\"" + elsewhere.url() + "\"}").exchange(), 404);
        for (String traversal : List.of("/api/tickets/%2e%2e/%2e%2e/actuator/env", "/api/tickets/..%2F..%2Factuator/env",
                "/api/tickets/../../actuator/env", "/api/sla/%2E%2E/%2E%2E/actuator/health",
                "/api/admin;x=1/tickets/replays", "/api//admin/tickets/replays", "/api/tickets/%2F..%2Factuator")) {
            assertProblem(client.get().uri(at(traversal)).header(HttpHeaders.AUTHORIZATION, admin).exchange(), 400);
        }
        assertThat(services.allReceived()).isEmpty();
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesEachServicesApiDocumentAndTheSwaggerUi() {
        for (String service : List.of("tickets", "sla", "escalations", "budgets", "webhooks", "notifications")) {
            client.get().uri("/v3/api-docs/" + service).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.info.title").isEqualTo(service + " API")
                    // "try it out" goes through the gateway, never straight to the service
                    .jsonPath("$.servers[0].url").isEqualTo("/")
                    .jsonPath("$.servers.length()").isEqualTo(1);
            assertThat(service(service).last().path()).isEqualTo("/v3/api-docs");
        }
        client.get().uri("/v3/api-docs/gateway/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[*].url").value(urls -> assertThat((List<Object>) urls)
                        .containsExactlyInAnyOrder("/v3/api-docs/tickets", "/v3/api-docs/sla", "/v3/api-docs/escalations", "/v3/api-docs/budgets",
                                "/v3/api-docs/webhooks", "/v3/api-docs/notifications"));
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        client.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void neverFetchesAnAddressTheClientNames() {
        String agent = bearer(TestTokens.agent(someone()));
        String target = elsewhere.url();
        String hostOnly = target.substring("http://".length());
        client.get().uri(at("/api/tickets?url=" + target + "/steal&callback=" + target + "&redirect_uri=" + target))
                .header(HttpHeaders.AUTHORIZATION, agent)
                .header(HttpHeaders.HOST, hostOnly)
                .header("X-Forwarded-Host", hostOnly)
                .header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-Port", target.substring(target.lastIndexOf(':') + 1))
                .header("Forwarded", "host=" + hostOnly + ";proto=http")
                .header("X-Original-URL", target + "/steal")
                .header("X-Rewrite-URL", target + "/steal")
                .header("X-Host", hostOnly)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("tickets");
        client.method(HttpMethod.GET).uri("/api/sla/tickets/t-1")
                .header(HttpHeaders.AUTHORIZATION, agent)
                .header("Referer", target)
                .exchange().expectStatus().isOk();

        assertThat(elsewhere.received()).isEmpty();
        assertThat(services.tickets.last().path()).isEqualTo("/api/tickets");
        ServiceStandIn.Received received = services.tickets.last();
        assertThat(received.header("Host")).isEqualTo(services.tickets.url().substring("http://".length()));
        for (String pointer : List.of("X-Forwarded-Host", "X-Forwarded-Port", "Forwarded", "X-Original-URL", "X-Rewrite-URL",
                "X-Host")) {
            assertThat(received.hasHeader(pointer)).as(pointer).isFalse();
        }
        assertThat(services.sla.last().path()).isEqualTo("/api/sla/tickets/t-1");
    }
}
