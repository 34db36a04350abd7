package dev.helpdesk.budgets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.budgets.fixtures.TicketTopic;
import dev.helpdesk.budgets.fixtures.TicketTopicCreation;
import dev.helpdesk.testsupport.AttackerClient;
import dev.helpdesk.testsupport.AttackerClient.Answer;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, point 2 against the budget service's edge: a contact removed by the organisation's own event, and a user
 * never registered as a contact who holds role {@code contact} and the right {@code org}, get 403
 * {@code not-a-contact} on reads and writes (within the documented bound of 5 s after the removal is applied).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "budgets")
@DirtiesContext // closed while the broker still runs, so the JVM exits without waiting for Kafka clients
@Import(TicketTopicCreation.class)
class ContactMembershipAttackTest {

    /** The cache's TTL (the documented bound) and generous room for the consumer on a busy CI machine. */
    static final Duration BOUND = Duration.ofSeconds(5).plusSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${helpdesk.topics.tickets}")
    String ticketsTopic;

    TicketTopic tickets;
    AttackerClient attacker;
    String org;

    @BeforeEach
    void setUp() {
        tickets = new TicketTopic(kafka, objectMapper, ticketsTopic);
        attacker = new AttackerClient(port);
        org = UUID.randomUUID().toString();
        tickets.registered(org, "1000.00", "100.00", "150.00", LocalDate.now().minusDays(10), LocalDate.now().plusDays(300));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> attacker.get("/api/budgets/" + org, TestTokens.agent("a")).status() == 200);
    }

    @Test
    void aRemovedContactIsRefusedOnItsNextReadAndWrite() {
        String userId = "carol-" + UUID.randomUUID();
        tickets.contactAdded(org, userId);
        String token = TestTokens.contact(userId, org);
        await().atMost(Duration.ofSeconds(60)).until(() -> attacker.get("/api/budgets/" + org, token).status() == 200);
        Answer roleRefusal = attacker.post("/api/admin/budgets/replays", token, "{\"projection\":\"budgets\"}");
        assertThat(roleRefusal.status()).isEqualTo(403);
        assertThat(roleRefusal.json().path("reason").asText()).isNotEqualTo("not-a-contact");

        tickets.contactRemoved(org, userId);

        await().atMost(BOUND).untilAsserted(() -> assertNotAContact(attacker.get("/api/budgets/" + org, token)));
        for (String path : List.of("/api/budgets/" + org + "/entries", "/api/budgets/" + org + "/burndown")) {
            assertNotAContact(attacker.get(path, token));
        }
        assertNotAContact(attacker.post("/api/admin/budgets/replays", token, "{\"projection\":\"budgets\"}"));
    }

    @Test
    void aUserNeverRegisteredAsAContactIsRefusedThoughItsTokenSaysContactOfTheRightOrganisation() {
        tickets.contactAdded(org, "carol");
        String mallory = TestTokens.contact("mallory-" + UUID.randomUUID(), org);

        for (String path : List.of("/api/budgets/" + org, "/api/budgets/" + org + "/entries", "/api/budgets/" + org + "/burndown")) {
            assertNotAContact(attacker.get(path, mallory));
        }
        assertNotAContact(attacker.post("/api/admin/budgets/replays", mallory, "{\"projection\":\"budgets\"}"));
        assertThat(attacker.get("/api/budgets/" + org, TestTokens.agent("a")).status()).as("staff are not contacts").isEqualTo(200);
    }

    static void assertNotAContact(Answer answer) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.problemType()).isEqualTo("forbidden");
        assertThat(answer.json().path("reason").asText()).isEqualTo("not-a-contact");
    }
}
