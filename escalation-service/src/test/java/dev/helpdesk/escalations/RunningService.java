package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.testsupport.ServiceApi.Answer;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * A running escalation service on a real PostgreSQL and Kafka, for end-to-end tests: ticket and SLA events go in as
 * the other services publish them, escalations come out over HTTP and on the escalations topic.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = RANDOM_PORT)
@RealInfrastructure(database = "escalations")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunningService {

    static final String MANAGER = TestTokens.manager("manager-1");
    static final String AGENT = TestTokens.agent("agent-1");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    JdbcTemplate jdbc;
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
    @Value("${helpdesk.topics.escalations}")
    String escalationsTopic;

    DeskEvents desk;
    PublishedEscalations published;
    Api api;

    @BeforeAll
    void connect() {
        desk = new DeskEvents(bootstrapServers, objectMapper, ticketsTopic, slaTopic);
        published = new PublishedEscalations(bootstrapServers, objectMapper, escalationsTopic);
        api = new Api(objectMapper, port);
    }

    @AfterAll
    void disconnect() {
        desk.close();
        published.close();
    }

    /**
     * A contact token of a registered contact: the contact-added record the ticket-service publishes, applied by this
     * service (the edge refuses contacts it does not know).
     */
    String contact(String userId, String organizationId) {
        desk.contactAdded(organizationId, userId);
        await().atMost(PATIENCE).until(() -> isMember(organizationId, userId));
        return TestTokens.contact(userId, organizationId);
    }

    boolean isMember(String organizationId, String userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM contact_membership WHERE organization_id = ? AND user_id = ?)",
                Boolean.class, organizationId, userId));
    }

    String openTicket(String org, Plan plan, Severity severity) {
        String ticket = id();
        desk.ticketOpened(ticket, org, plan, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", severity);
        return ticket;
    }

    List<JsonNode> escalations(String query) {
        Answer answer = api.get("/api/escalations" + query + (query.isEmpty() ? "?" : "&") + "size=200", AGENT);
        assertThat(answer.status()).isEqualTo(200);
        return StreamSupport.stream(answer.body().path("items").spliterator(), false).toList();
    }

    /** Waits until the ticket has {@code count} escalations; returns them, highest level first. */
    List<JsonNode> awaitEscalations(String ticket, int count) {
        return await().atMost(PATIENCE).until(() -> escalations("?ticketId=" + ticket), list -> list.size() == count);
    }

    List<JsonNode> awaitPublished(String ticket, String type, int count) {
        return await().atMost(PATIENCE).until(() -> published.ofTicket(ticket, type), list -> list.size() >= count);
    }

    void awaitProcessed(EventEnvelope<Object> event) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, event.id()) == 1);
    }

    static List<String> levelAndState(List<JsonNode> escalations) {
        return escalations.stream().map(e -> e.path("level").asInt() + ":" + e.path("state").asText()).toList();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
