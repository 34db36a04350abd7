package dev.helpdesk.tickets.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** History and global events from the store, attachments, idempotent writes, escalation levels from Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "helpdesk.tickets.attachments.max-bytes=4096")
@RealInfrastructure(database = "tickets")
class TicketRecordsApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

    @LocalServerPort
    int port;
    @Value("${helpdesk.topics.escalations}")
    String escalationsTopic;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;
    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;
    String org;
    String contact;
    String ticket;

    @BeforeEach
    void ticketOfAContact() {
        api = new HttpApi(port);
        org = api.post("/api/organizations", ADMIN, Bodies.organization("Uni")).json().get("id").asText();
        String user = "contact-" + UUID.randomUUID();
        assertThat(api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact(user)).status()).isEqualTo(201);
        contact = TestTokens.contact(user, org);
        HttpApi.Answer opened = api.post("/api/tickets", contact, Bodies.ticket(org));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        ticket = opened.json().get("id").asText();
    }

    @Test
    void historyIsTheStreamInOrderWithoutInternalNotesForContacts() {
        api.post("/api/tickets/" + ticket + "/comments", AGENT, Map.of("body", "check db", "visibility", "INTERNAL"));
        api.post("/api/tickets/" + ticket + "/comments", AGENT, Map.of("body", "On it", "visibility", "PUBLIC"));

        JsonNode forAgent = api.get("/api/tickets/" + ticket + "/history", AGENT).json().get("items");
        assertThat(types(forAgent)).containsExactly("helpdesk.ticket.opened.v1",
                "helpdesk.ticket.comment-added.v1", "helpdesk.ticket.comment-added.v1", "helpdesk.ticket.status-changed.v1");
        assertThat(forAgent.findValuesAsText("sequence")).containsExactly("0", "1", "2", "3");
        assertThat(forAgent.get(1).get("actor").asText()).isEqualTo("agent-1");
        assertThat(forAgent.get(0).get("data").get("title").asText()).isEqualTo("Quiz page times out");
        assertThat(forAgent.get(0).get("occurredAt").asText()).endsWith("Z");

        JsonNode forContact = api.get("/api/tickets/" + ticket + "/history", contact).json().get("items");
        assertThat(forContact.findValuesAsText("sequence")).as("numbered without a gap for the internal note")
                .containsExactly("0", "1", "2");
    }

    static List<String> types(JsonNode items) {
        List<String> types = new ArrayList<>();
        items.forEach(item -> types.add(item.get("type").asText()));
        return types;
    }

    @Test
    void analystsPageThroughAllEventsInGlobalOrder() {
        JsonNode first = api.get("/api/events?after=-1&limit=2", TestTokens.analyst("an-1")).json();
        assertThat(first.get("items")).hasSize(2);
        long next = first.get("next").asLong();
        assertThat(next).isEqualTo(first.get("items").get(1).get("position").asLong());
        JsonNode rest = api.get("/api/events?after=" + next + "&limit=1000", TestTokens.analyst("an-1")).json();
        List<Long> positions = new ArrayList<>();
        rest.get("items").forEach(item -> positions.add(item.get("position").asLong()));
        assertThat(positions).isSorted().allMatch(position -> position > next);
        JsonNode event = first.get("items").get(0);
        assertThat(event.get("aggregateType").asText()).isEqualTo("Organization");
        assertThat(event.get("type").asText()).isEqualTo("helpdesk.organization.registered.v1");
        assertThat(event.get("eventId").asText()).isNotBlank();
        assertThat(api.get("/api/events", contact).status()).isEqualTo(403);
        assertThat(api.get("/api/events?limit=0", TestTokens.analyst("an-1")).status()).isEqualTo(400);
    }

    @Test
    void anImageIsStoredOnceAndServedWithItsContentType() {
        HttpApi.Answer added = api.upload("/api/tickets/" + ticket + "/attachments", contact, "screen.png", "application/octet-stream", PNG);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().get("contentType").asText()).isEqualTo("image/png");
        assertThat(added.json().get("size").asLong()).isEqualTo(PNG.length);
        assertThat(added.json().get("sha256").asText()).hasSize(64);
        HttpApi.Answer again = api.upload("/api/tickets/" + ticket + "/attachments", AGENT, "copy.png", "image/png", PNG);
        assertThat(again.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM attachment_content WHERE sha256 = ?", Long.class,
                added.json().get("sha256").asText())).isEqualTo(1);

        HttpApi.Answer bytes = api.get(added.header("Location"), contact);
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.header("Content-Type")).isEqualTo("image/png");
        assertThat(bytes.bytes()).isEqualTo(PNG);
        assertThat(api.get("/api/tickets/" + ticket, contact).json().get("attachments")).hasSize(2);
        assertThat(api.get(added.header("Location"), dev.helpdesk.tickets.support.Contacts.ofAnotherOrganisation(api)).status()).isEqualTo(404);
    }

    @Test
    void attachmentsAreJudgedByContentAndSize() {
        HttpApi.Answer disguised = api.upload("/api/tickets/" + ticket + "/attachments", contact, "virus.png", "image/png",
                "MZ this is not an image".getBytes());
        assertThat(disguised.status()).isEqualTo(415);
        assertThat(disguised.header("Content-Type")).startsWith("application/problem+json");

        byte[] large = new byte[5000];
        System.arraycopy(PNG, 0, large, 0, PNG.length);
        HttpApi.Answer tooLarge = api.upload("/api/tickets/" + ticket + "/attachments", contact, "big.png", "image/png", large);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("status").asInt()).isEqualTo(413);

        assertThat(api.raw("/api/tickets/" + ticket + "/attachments", contact, "image/png", PNG).status()).isEqualTo(415);
        assertThat(api.upload("/api/tickets/" + ticket + "/attachments", TestTokens.analyst("an-1"), "a.png", "image/png", PNG).status())
                .isEqualTo(403);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyMakesOneTicket() {
        String key = "create-" + UUID.randomUUID();
        HttpApi.Answer first = api.post("/api/tickets", contact, Bodies.ticket(org), "Idempotency-Key", key);
        HttpApi.Answer retry = api.post("/api/tickets", contact, Bodies.ticket(org), "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.get("/api/tickets?organizationId=" + org, AGENT).json().get("totalItems").asLong()).isEqualTo(2);

        Map<String, Object> different = Bodies.ticket(org);
        different.put("title", "Something else");
        HttpApi.Answer reused = api.post("/api/tickets", contact, different, "Idempotency-Key", key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("type").asText()).endsWith("/idempotency-key-reused");

        HttpApi.Answer otherUser = api.post("/api/tickets", AGENT, Bodies.ticket(org), "Idempotency-Key", key);
        assertThat(otherUser.status()).isEqualTo(201);
        assertThat(otherUser.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
    }

    @Test
    void anEscalationRaisedTwiceIsRecordedOnceOnTheTicketAndPoisonRecordsAreSetAside() throws Exception {
        String escalationId = UUID.randomUUID().toString();
        String raised = """
                {"specversion":"1.0","id":"%s","type":"helpdesk.escalation.raised.v1","source":"/escalation-service",
                 "subject":"%s","time":"2026-11-22T10:00:00Z","datacontenttype":"application/json","correlationid":"corr-esc",
                 "data":{"escalationId":"%s","ticketId":"%s","organizationId":"%s","level":1,"levelName":"Support services manager",
                         "trigger":"SLA_BREACH","raisedAt":"2026-11-22T10:00:00Z","acknowledgeBy":"2026-11-22T11:00:00Z"}}"""
                .formatted(UUID.randomUUID(), ticket, escalationId, ticket, org);
        String unknownTicket = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            // One partition's poll: poison records around the good one, and the good one again (a redelivery).
            producer.send(new ProducerRecord<>(escalationsTopic, ticket, "{broken json")).get();
            producer.send(new ProducerRecord<>(escalationsTopic, ticket, raised.replace("\"level\":1", "\"level\":4")
                    .replace("\"id\":\"", "\"id\":\"4"))).get();
            producer.send(new ProducerRecord<>(escalationsTopic, ticket, raised.replace("\"ticketId\":\"" + ticket,
                    "\"ticketId\":\"" + unknownTicket).replace("\"id\":\"", "\"id\":\"u"))).get();
            producer.send(new ProducerRecord<>(escalationsTopic, ticket, raised)).get();
            producer.send(new ProducerRecord<>(escalationsTopic, ticket, raised)).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("/api/tickets/" + ticket, contact).json().get("escalationLevel").asInt()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(jdbc.queryForList("SELECT reason FROM dead_letter ORDER BY record_offset", String.class))
                        .satisfiesExactly(
                                notJson -> assertThat(notJson).isEqualTo("value is not JSON"),
                                levelFour -> assertThat(levelFour).contains("level must be 1, 2 or 3"),
                                unknown -> assertThat(unknown).contains(unknownTicket)));
        assertThat(jdbc.queryForObject("SELECT attempts FROM dead_letter WHERE reason LIKE ?", Integer.class,
                "%" + unknownTicket + "%")).isEqualTo(3);
        JsonNode history = api.get("/api/tickets/" + ticket + "/history", AGENT).json().get("items");
        assertThat(types(history)).containsOnlyOnce("helpdesk.ticket.escalation-level-recorded.v1");
    }

    @Test
    void anAdminRebuildsTheTicketViewsFromTheStore() {
        api.post("/api/tickets/" + ticket + "/comments", AGENT, Map.of("body", "On it", "visibility", "PUBLIC"));
        JsonNode before = api.get("/api/tickets/" + ticket, AGENT).json();

        HttpApi.Answer started = api.post("/api/admin/tickets/replays", ADMIN, Map.of("projection", "ticket-views"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String progress = started.header("Location");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get(progress, ADMIN).json().get("state").asText()).isEqualTo("COMPLETED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/tickets/" + ticket, AGENT).json()).isEqualTo(before));
        assertThat(api.get(progress, ADMIN).json().get("percent").asInt()).isEqualTo(100);

        assertThat(api.post("/api/admin/tickets/replays", ADMIN, Map.of("projection", "nope")).status()).isEqualTo(400);
        assertThat(api.post("/api/admin/tickets/replays", AGENT, Map.of("projection", "ticket-views")).status()).isEqualTo(403);
    }
}
