package dev.helpdesk.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Trace context through the gateway with {@code spring.reactor.context-propagation=limited} (the observation is not
 * copied into thread locals at every operator): the service behind it gets a {@code traceparent} continuing the
 * caller's trace from a span of the gateway's own, and the request's access line names that trace. What is observed per
 * request: the server request and the proxied call (per route), not each filter of Spring Security's chain, its
 * authorization decisions, nor Spring Cloud Gateway's second timer of the same call (docs/observability.md, "What is
 * measured per request").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "helpdesk.security.jwt-secret=" + TestTokens.SECRET, "management.tracing.sampling.probability=1.0"})
@AutoConfigureObservability
class GatewayTraceContextTest {

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
    MeterRegistry meters;

    @Test
    void continuesTheCallersTraceToTheServiceAndLogsIt() {
        // the access line's logging context as the log formats read it (the tests' pattern shows only the correlation id)
        Logger access = (Logger) LoggerFactory.getLogger("dev.helpdesk.gateway.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = "00f067aa0ba902b7";
        GatewayClients.to(port).get().uri("/api/tickets/t-trace")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.agent("user-" + UUID.randomUUID()))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .header("X-Correlation-Id", "corr-trace-7")
                .exchange()
                .expectStatus().isOk();

        String forwarded = services.tickets.last().header("traceparent");
        assertThat(forwarded).as("traceparent the service received").isNotNull();
        String[] parts = forwarded.split("-");
        assertThat(parts[1]).isEqualTo(traceId);
        assertThat(parts[2]).as("the gateway's own span is the parent").isNotEqualTo(callerSpan).matches("[0-9a-f]{16}");
        assertThat(parts[3]).isEqualTo("01");

        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(List.copyOf(lines.list))
                    .filteredOn(line -> line.getFormattedMessage().startsWith("GET /api/tickets/t-trace -> 200"))
                    .singleElement()
                    .satisfies(line -> assertThat(line.getMDCPropertyMap())
                            .containsEntry("traceId", traceId)
                            .containsEntry("correlationId", "corr-trace-7")
                            // the gateway's server span: the client span that called the service is its child
                            .hasEntrySatisfying("spanId", span -> assertThat(span).matches("[0-9a-f]{16}")
                                    .isNotEqualTo(callerSpan))));
        } finally {
            access.detachAppender(lines);
        }
    }

    @Test
    void observesTheRequestAndTheProxiedCallButNotEachSecurityFilter() {
        GatewayClients.to(port).get().uri("/api/tickets/t-observed")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.agent("user-" + UUID.randomUUID()))
                .exchange()
                .expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.find("http.client.requests").tag("spring.cloud.gateway.route.id", "tickets").timer())
                    .as("the proxied call, by route").isNotNull();
            assertThat(meters.find("http.server.requests").timers()).as("the request").isNotEmpty();
        });
        List<String> names = meters.getMeters().stream().map(meter -> meter.getId().getName()).distinct().toList();
        assertThat(names).as("meters of the gateway")
                .noneMatch(name -> name.startsWith("spring.security.filterchains"))
                .noneMatch(name -> name.startsWith("spring.security.authorizations"))
                .noneMatch(name -> name.startsWith("spring.cloud.gateway.requests"));
    }
}
