package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * Two instances of the service on one database and one consumer group: every trigger arrives (some twice), both
 * instances poll the acknowledgement timers, and still each level of each ticket is raised and published once.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@RealInfrastructure(database = "escalations")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    private static final int TICKETS = 6;

    @Autowired
    Environment environment;
    @Autowired
    ApplicationContext firstContext;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    ConfigurableApplicationContext second;
    DeskEvents desk;
    PublishedEscalations published;

    @BeforeAll
    void startSecondInstance() {
        List<String> same = new ArrayList<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.kafka.bootstrap-servers", "helpdesk.topics.tickets", "helpdesk.topics.sla",
                "helpdesk.topics.escalations", "helpdesk.topics.budgets", "helpdesk.security.jwt-secret")) {
            same.add("--" + key + "=" + environment.getProperty(key));
        }
        same.add("--server.port=0");
        same.add("--management.server.port=0");
        // command-line arguments, so that they win over application.yml as the test's own properties do
        second = new SpringApplicationBuilder(EscalationServiceApplication.class).run(same.toArray(String[]::new));
        String bootstrap = environment.getProperty("spring.kafka.bootstrap-servers");
        desk = new DeskEvents(bootstrap, objectMapper, environment.getProperty("helpdesk.topics.tickets"),
                environment.getProperty("helpdesk.topics.sla"));
        published = new PublishedEscalations(bootstrap, objectMapper, environment.getProperty("helpdesk.topics.escalations"));
    }

    @AfterAll
    void stopSecondInstance() {
        if (desk != null) {
            desk.close();
            published.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void eachLevelOfEachTicketIsRaisedAndPublishedOnceAcrossTwoInstances() {
        Api api = new Api(objectMapper, port);
        assertThat(api.put("/api/escalations/ladders/EXTENDED", TestTokens.manager("m"), """
                {"levels": [
                  {"level": 1, "name": "Support services manager", "acknowledgeWithin": "PT1S"},
                  {"level": 2, "name": "Head of support", "acknowledgeWithin": "PT1S"},
                  {"level": 3, "name": "Executive sponsor", "acknowledgeWithin": "PT1S"}]}""").status()).isEqualTo(200);
        String org = UUID.randomUUID().toString();
        desk.organizationRegistered(org, Plan.EXTENDED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", null);
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            String ticket = UUID.randomUUID().toString();
            tickets.add(ticket);
            desk.ticketOpened(ticket, org, Plan.EXTENDED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", Severity.S1);
        }

        for (String ticket : tickets) {
            EventEnvelope<Object> breach = desk.slaBreached(ticket, org, Severity.S1);
            desk.slaWarningReached(ticket, org, Severity.S1, 90);
            desk.resend(breach);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM acknowledgement_timer WHERE fired_at IS NOT NULL", Integer.class) == 3 * TICKETS);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class) == 0);
        int outboxRows = jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class);
        List<PublishedEscalations.Published> all = await().atMost(Duration.ofSeconds(30))
                .until(published::all, records -> records.size() >= outboxRows);

        assertThat(all).hasSize(outboxRows);
        assertThat(all.stream().map(record -> record.value().path("id").asText()).distinct()).hasSize(outboxRows);
        for (String ticket : tickets) {
            List<JsonNode> raised = published.ofTicket(ticket, "helpdesk.escalation.raised.v1");
            assertThat(raised).extracting(event -> event.path("data").path("level").asInt()).containsExactly(1, 2, 3);
            assertThat(raised).extracting(event -> event.path("sequence").asLong()).isSorted();
            assertThat(jdbc.queryForList("SELECT level FROM escalation WHERE ticket_id = ? ORDER BY level", Integer.class, ticket))
                    .containsExactly(1, 2, 3);
        }
        assertThat(all).allSatisfy(record -> assertThat(record.contentType()).isEqualTo("application/cloudevents+json"));
        assertThat(assignedPartitions(firstContext)).as("partitions of the first instance").isPositive();
        assertThat(assignedPartitions(second)).as("partitions of the second instance").isPositive();
    }

    private static int assignedPartitions(ApplicationContext context) {
        return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
                .mapToInt(container -> container.getAssignedPartitions() == null ? 0 : container.getAssignedPartitions().size())
                .sum();
    }
}
