package dev.helpdesk.gateway;

import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static dev.helpdesk.gateway.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow service, a service that is down, and one that keeps failing: the gateway answers 504 and 503 problems
 * instead of hanging, and an open circuit answers without calling the service at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "helpdesk.security.jwt-secret=" + TestTokens.SECRET,
        "helpdesk.gateway.services.sla.response-timeout-ms=400",
        "helpdesk.gateway.services.escalations.response-timeout-ms=300",
        "resilience4j.circuitbreaker.instances.escalations.sliding-window-size=3",
        "resilience4j.circuitbreaker.instances.escalations.minimum-number-of-calls=3",
        "resilience4j.circuitbreaker.instances.escalations.failure-rate-threshold=50",
        "resilience4j.circuitbreaker.instances.escalations.wait-duration-in-open-state=10m",
        "resilience4j.circuitbreaker.instances.escalations.automatic-transition-from-open-to-half-open-enabled=false",
        "helpdesk.gateway.rate-limit.capacity=5",
        "helpdesk.gateway.rate-limit.refill-per-second=1",
        "helpdesk.gateway.rate-limit.anonymous-capacity=5",
        "helpdesk.gateway.rate-limit.anonymous-refill-per-second=1"})
@ExtendWith(OutputCaptureExtension.class)
class GatewayResilienceTest {

    private static final ServiceStandIn tickets = new ServiceStandIn("tickets");
    private static final ServiceStandIn slowSla = new ServiceStandIn("sla");
    private static final ServiceStandIn failingEscalations = new ServiceStandIn("escalations");
    private static final RawServiceStandIn dyingWebhooks = new RawServiceStandIn();
    private static final int closedPort = closedPort();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        slowSla.answerAfter(Duration.ofSeconds(3));
        failingEscalations.answerAfter(Duration.ofSeconds(3));
        registry.add("helpdesk.gateway.services.tickets.url", tickets::url);
        registry.add("helpdesk.gateway.services.sla.url", slowSla::url);
        registry.add("helpdesk.gateway.services.escalations.url", failingEscalations::url);
        registry.add("helpdesk.gateway.services.budgets.url", () -> "http://127.0.0.1:" + closedPort);
        registry.add("helpdesk.gateway.services.webhooks.url", dyingWebhooks::url);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopServices() {
        tickets.close();
        slowSla.close();
        failingEscalations.close();
        dyingWebhooks.close();
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    WebTestClient client;

    @org.junit.jupiter.api.BeforeEach
    void newClient() {
        client = GatewayClients.to(port);
    }

    private static String agent() {
        return "Bearer " + TestTokens.agent("agent-" + java.util.UUID.randomUUID());
    }

    @Test
    void answersGatewayTimeoutWhenAServiceIsSlowerThanItsRouteTimeout() {
        assertProblem(client.get().uri("/api/sla/tickets/t-1").header(HttpHeaders.AUTHORIZATION, agent()).exchange(), 504)
                .path("type").asText().endsWith("gateway-timeout");
        assertThat(slowSla.received()).extracting(ServiceStandIn.Received::path).contains("/api/sla/tickets/t-1");
    }

    @Test
    void answersServiceUnavailableWhenAServiceIsDownAndLogsIt(CapturedOutput output) {
        var response = client.get().uri("/api/budgets/o-1").header(HttpHeaders.AUTHORIZATION, agent())
                .header("X-Correlation-Id", "corr-down-7").exchange();
        response.expectHeader().valueEquals("X-Correlation-Id", "corr-down-7");
        assertProblem(response, 503);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines())
                .anyMatch(line -> line.contains("corr-down-7") && line.contains("GET /api/budgets/o-1 answered 503")));
    }

    @Test
    void answersServiceUnavailableWhenAServiceDropsTheConnectionWithoutAnswering() {
        assertProblem(client.post().uri("/api/tickets/t-1/crash").header(HttpHeaders.AUTHORIZATION, agent()).exchange(), 503);
        assertThat(tickets.received()).extracting(ServiceStandIn.Received::path).contains("/api/tickets/t-1/crash");
    }

    @Test
    void answersServiceUnavailableNotACutOffAnswerWhenAServiceDiesHalfWayThroughAnsweringACommand() {
        var response = client.post().uri("/api/webhooks/w-1/cut").header(HttpHeaders.AUTHORIZATION, admin())
                .header("X-Correlation-Id", "corr-cut-1").exchange();
        response.expectHeader().doesNotExist(HttpHeaders.LOCATION).expectHeader().doesNotExist(HttpHeaders.ETAG)
                .expectHeader().valueEquals("X-Correlation-Id", "corr-cut-1");
        assertThat(assertProblem(response, 503).path("detail").asText())
                .contains("may have been applied").contains("Idempotency-Key");
    }

    @Test
    void passesACommandsWholeAnswerOnWithItsLengthAndAnAnswerWithoutBody() {
        var whole = client.post().uri("/api/webhooks/w-1/slow-whole").header(HttpHeaders.AUTHORIZATION, admin()).exchange();
        whole.expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/webhooks/w-1")
                .expectHeader().contentLength(RawServiceStandIn.WHOLE_BODY.length())
                .expectBody(String.class).isEqualTo(RawServiceStandIn.WHOLE_BODY);
        client.delete().uri("/api/webhooks/w-1/empty").header(HttpHeaders.AUTHORIZATION, admin()).exchange()
                .expectStatus().isNoContent().expectBody().isEmpty();
    }

    private static String admin() {
        return "Bearer " + TestTokens.admin("admin-" + java.util.UUID.randomUUID());
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndStopsCallingTheService() {
        for (int i = 0; i < 3; i++) {
            assertProblem(client.get().uri("/api/escalations").header(HttpHeaders.AUTHORIZATION, agent()).exchange(), 504);
        }
        assertThat(failingEscalations.received()).hasSize(3);

        assertProblem(client.get().uri("/api/escalations").header(HttpHeaders.AUTHORIZATION, agent()).exchange(), 503)
                .path("type").asText().endsWith("service-unavailable");
        assertThat(failingEscalations.received()).hasSize(3);

        // the other services are not affected by one open circuit
        client.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, agent()).exchange().expectStatus().isOk();
    }

    @Test
    void limitsRequestsWithoutTokenPerClientAddress() {
        int refusedForToken = 0;
        WebTestClient.ResponseSpec response = client.get().uri("/api/tickets").exchange();
        while (response.returnResult(String.class).getStatus().value() == 401 && refusedForToken < 30) {
            refusedForToken++;
            response = client.get().uri("/api/tickets").exchange();
        }
        assertThat(refusedForToken).isBetween(5, 29);
        response.expectHeader().exists(HttpHeaders.RETRY_AFTER);
        assertProblem(response, 429);
        assertThat(tickets.received()).isEmpty();
    }
}
