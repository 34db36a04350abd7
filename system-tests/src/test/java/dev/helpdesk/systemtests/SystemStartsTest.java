package dev.helpdesk.systemtests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-command system comes up: the gateway answers health, every service is ready and exposes its metrics. */
@ExtendWith(RunningSystem.class)
class SystemStartsTest {

    @Test
    void gatewayReportsHealthUp() {
        Api.Response health = RunningSystem.api().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.header("X-Correlation-Id")).isNotBlank();
    }

    @Test
    void everyServiceIsReadyAndExposesPrometheusMetrics() {
        Api api = RunningSystem.api();
        for (String service : new String[] {"ticket-service", "sla-service", "escalation-service", "budget-service", "gateway"}) {
            String base = RunningSystem.stack().serviceUrl(service);
            Api.Response readiness = api.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build());
            assertThat(readiness.status()).as(service + " readiness").isEqualTo(200);
            Api.Response metrics = api.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build());
            assertThat(metrics.status()).as(service + " prometheus").isEqualTo(200);
            assertThat(metrics.body()).as(service + " prometheus").contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void theApiNeedsAToken() {
        Api.Response anonymous = RunningSystem.api().get("/api/tickets", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).contains("application/problem+json");
    }
}
