package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.sla.support.Api;
import dev.helpdesk.sla.support.TicketEvents;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the service-level tests share: one service on a real PostgreSQL and Kafka, a producer of ticket events, an HTTP client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@RealInfrastructure(database = "sla")
abstract class SlaServiceTestBase {

    protected static final String ADMIN = TestTokens.admin("admin-1");
    protected static final String AGENT = TestTokens.agent("agent-1");

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${helpdesk.topics.tickets}")
    String ticketsTopic;
    @Value("${helpdesk.topics.sla}")
    String slaTopic;
    @Autowired
    JdbcTemplate jdbc;

    protected TicketEvents events;
    protected Api api;

    @BeforeEach
    void connect() {
        events = new TicketEvents(bootstrapServers, ticketsTopic);
        api = new Api(port);
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    /**
     * A contact token of a registered contact: the contact-added record the ticket-service publishes, applied by this
     * service (the edge refuses contacts it does not know).
     */
    protected String contact(String userId, String organizationId) {
        events.contactAdded(organizationId, userId);
        await().atMost(Duration.ofSeconds(30)).until(() -> isMember(organizationId, userId));
        return TestTokens.contact(userId, organizationId);
    }

    protected boolean isMember(String organizationId, String userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM contact_membership WHERE organization_id = ? AND user_id = ?)",
                Boolean.class, organizationId, userId));
    }

    protected static Instant ago(Duration duration) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(duration);
    }

    protected String openDedicated(TicketType type, Severity severity, Instant at) {
        String ticketId = TicketEvents.newId();
        events.opened(ticketId, "org-dedicated", Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", type, severity, at);
        return ticketId;
    }

    protected JsonNode awaitClock(String ticketId, String metric, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Api.Answer answer = api.get("/api/sla/tickets/" + ticketId, AGENT);
            assertThat(answer.status()).isEqualTo(200);
            JsonNode clock = clockOf(answer.body(), metric);
            assertThat(condition.test(clock)).as("clock %s of %s: %s", metric, ticketId, clock).isTrue();
            found[0] = clock;
        });
        return found[0];
    }

    protected static JsonNode clockOf(JsonNode ticket, String metric) {
        for (JsonNode clock : ticket.get("clocks")) {
            if (clock.get("metric").asText().equals(metric)) {
                return clock;
            }
        }
        throw new AssertionError("no " + metric + " clock in " + ticket);
    }

    protected static Predicate<JsonNode> state(String state) {
        return clock -> clock.get("state").asText().equals(state);
    }

    protected static Predicate<JsonNode> started() {
        return clock -> clock.hasNonNull("startedAt") && clock.hasNonNull("dueAt");
    }

    protected static Instant instant(JsonNode clock, String field) {
        return Instant.parse(clock.get(field).asText());
    }

    protected long outboxCount(String ticketId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE record_key = ? AND event_type = ?", Long.class, ticketId, type);
    }


    static Map<String, Object> policy(String calendarId, String firstResponse, String resolution) {
        Map<String, Object> targets = new LinkedHashMap<>();
        for (String severity : List.of("S1", "S2", "S3", "S4", "S5")) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("firstResponse", firstResponse);
            target.put("resolution", resolution);
            targets.put(severity, target);
        }
        return Map.of("name", "Test policy", "calendarId", calendarId, "warningThresholds", List.of(75, 90), "targets", targets);
    }
}
