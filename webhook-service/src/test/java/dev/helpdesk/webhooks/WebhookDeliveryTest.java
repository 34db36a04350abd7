package dev.helpdesk.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestKafka;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.webhooks.Receiver.Received;
import dev.helpdesk.webhooks.config.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries end to end: events on the real Kafka topics, endpoints registered through the API, a real HTTP receiver
 * on 127.0.0.1 that checks every signature (the SSRF guard is switched off for it, as the setting allows), a back-off
 * of 0.3 s doubling, 4 attempts, and an endpoint disabled after 2 deliveries given up in a row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "helpdesk.webhooks.allow-private-addresses=true",
        "helpdesk.webhooks.allow-http=true",
        "helpdesk.webhooks.delivery.retry.initial-delay=PT0.3S",
        "helpdesk.webhooks.delivery.retry.multiplier=2",
        "helpdesk.webhooks.delivery.retry.max-delay=PT2S",
        "helpdesk.webhooks.delivery.retry.max-attempts=4",
        "helpdesk.webhooks.delivery.disable-after-failures=2",
        "helpdesk.webhooks.delivery.fallback-interval=PT0.5S",
        "helpdesk.webhooks.delivery.request-timeout=PT5S",
        "helpdesk.webhooks.delivery.lease=PT30S",
        "helpdesk.topics.webhooks=helpdesk.webhooks.v1.${random.uuid}"})
@RealInfrastructure(database = "webhooks")
class WebhookDeliveryTest {

    private static final String ADMIN = TestTokens.admin("admin-1");
    private static Receiver receiver;

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    TopicNames topics;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private Api api() {
        return new Api(json, port);
    }

    private DeskEvents desk() {
        return new DeskEvents(TestKafka.get().bootstrapServers(), json, topics.tickets(), topics.sla(), topics.escalations());
    }

    /** Registers an endpoint at a fresh receiver path; answers {path, id}. */
    private String[] register(String organizationId, String... types) {
        String path = "/hook-" + UUID.randomUUID();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("url", receiver.url(path));
        body.put("eventTypes", List.of(types));
        body.put("organizationId", organizationId);
        try {
            Api.Answer created = api().post("/api/webhooks", ADMIN, json.writeValueAsString(body));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            receiver.secret(path, created.body().path("secret").asText());
            return new String[]{path, created.body().path("id").asText()};
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void deliversASignedCloudEventAndRetriesWithTheSameIdAfterServerErrors() {
        String org = "org-" + id();
        String[] endpoint = register(org, "helpdesk.ticket.opened.v1");
        receiver.answer(endpoint[0], 500, 503);
        String ticket = id();

        try (DeskEvents desk = desk()) {
            EventEnvelope<Object> opened = desk.opened(ticket, org);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(endpoint[0]).size() >= 3);
            List<Received> requests = receiver.received(endpoint[0]);
            assertThat(requests).hasSize(3);
            assertThat(requests).extracting(Received::answered).containsExactly(500, 503, 204);
            assertThat(requests).allSatisfy(request -> {
                assertThat(request.signatureValid()).isTrue();
                assertThat(request.id()).isEqualTo(opened.id());
                assertThat(request.contentType()).isEqualTo("application/cloudevents+json");
            });
            // the back-off: at least 0.3 s, then 0.6 s between the attempts
            assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(Duration.between(requests.get(1).at(), requests.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(550));
            JsonNode body = requests.get(2).json(json);
            assertThat(body.path("specversion").asText()).isEqualTo("1.0");
            assertThat(body.path("id").asText()).isEqualTo(opened.id());
            assertThat(body.path("type").asText()).isEqualTo("helpdesk.ticket.opened.v1");
            assertThat(body.path("source").asText()).isEqualTo("/ticket-service");
            assertThat(body.path("subject").asText()).isEqualTo(ticket);
            assertThat(body.path("data").path("organizationId").asText()).isEqualTo(org);
            assertThat(body.has("correlationid")).isFalse();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode log = api().get("/api/webhooks/" + endpoint[1] + "/deliveries", ADMIN).body();
                assertThat(log.path("totalItems").asLong()).isEqualTo(1);
                assertThat(log.path("items").get(0).path("state").asText()).isEqualTo("DELIVERED");
                assertThat(log.path("items").get(0).path("attempts").asInt()).isEqualTo(3);
                assertThat(log.path("items").get(0).path("lastStatus").asInt()).isEqualTo(204);
                assertThat(log.path("items").get(0).path("eventId").asText()).isEqualTo(opened.id());
            });
        }
    }

    @Test
    void afterARotationDeliveriesAreSignedWithTheNewAndThePreviousSecret() {
        String org = "org-" + id();
        String[] endpoint = register(org, "helpdesk.ticket.opened.v1");
        Api.Answer rotated = api().post("/api/webhooks/" + endpoint[1] + "/secret", ADMIN, "");
        assertThat(rotated.status()).isEqualTo(200);

        try (DeskEvents desk = desk()) {
            desk.opened(id(), org);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received(endpoint[0]).size() >= 1);
            // the receiver still knows only the previous secret: the second signature verifies
            Received first = receiver.received(endpoint[0]).get(0);
            assertThat(first.signatures().split(" ")).hasSize(2);
            assertThat(first.signatureValid()).isTrue();

            receiver.secret(endpoint[0], rotated.body().path("secret").asText());
            desk.opened(id(), org);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received(endpoint[0]).size() >= 2);
            assertThat(receiver.received(endpoint[0]).get(1).signatureValid()).isTrue();
        }
    }

    @Test
    void aTicketsLaterEventsWaitUntilTheEarlierOneIsDelivered() {
        String org = "org-" + id();
        String[] endpoint = register(null, "helpdesk.ticket.opened.v1", "helpdesk.ticket.status-changed.v1",
                "helpdesk.ticket.comment-added.v1", "helpdesk.sla.breached.v1");
        receiver.answer(endpoint[0], 500, 500);
        String ticket = id();
        List<String> sent = new ArrayList<>();

        try (DeskEvents desk = desk()) {
            sent.add(desk.opened(ticket, org).id());
            sent.add(desk.statusChanged(ticket, TicketStatus.NEW, TicketStatus.IN_PROGRESS).id());
            sent.add(desk.comment(ticket, Visibility.PUBLIC, "We are on it").id());
            sent.add(desk.statusChanged(ticket, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_CUSTOMER).id());

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(endpoint[0]).stream()
                    .filter(r -> sent.contains(r.id()) && r.answered() == 204).count() >= 4);
            // only this ticket's events (the endpoint takes every organisation's, other tests' too)
            List<Received> requests = receiver.received(endpoint[0]).stream().filter(r -> sent.contains(r.id())).toList();
            assertThat(requests).extracting(Received::id)
                    .containsExactly(sent.get(0), sent.get(0), sent.get(0), sent.get(1), sent.get(2), sent.get(3));
            assertThat(requests).allSatisfy(request -> assertThat(request.signatureValid()).isTrue());
        }
    }

    @Test
    void anOrganisationsEndpointNeverReceivesAnotherOrganisationsEventsNorInternalNotes() {
        String orgA = "org-a-" + id();
        String orgB = "org-b-" + id();
        String[] types = {"helpdesk.ticket.opened.v1", "helpdesk.ticket.comment-added.v1", "helpdesk.sla.breached.v1",
                "helpdesk.escalation.raised.v1"};
        String[] a = register(orgA, types);
        String[] b = register(orgB, types);
        String[] all = register(null, types);
        String ticketA = id();
        String ticketB = id();

        try (DeskEvents desk = desk()) {
            String openedA = desk.opened(ticketA, orgA).id();
            String openedB = desk.opened(ticketB, orgB).id();
            String publicB = desk.comment(ticketB, Visibility.PUBLIC, "Restarted the server").id();
            String internalA = desk.comment(ticketA, Visibility.INTERNAL, "Customer is difficult").id();
            String breachB = desk.slaBreached(ticketB, orgB).id();
            String raisedA = desk.escalationRaised(ticketA, orgA).id();

            List<String> both = List.of(ticketA, ticketB);
            await().atMost(Duration.ofSeconds(30)).until(() -> ofTickets(receiver.received(all[0]), both).size() >= 6);
            assertThat(ofTickets(receiver.received(all[0]), both)).extracting(Received::id)
                    .containsExactlyInAnyOrder(openedA, openedB, publicB, internalA, breachB, raisedA);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received(a[0]).size() >= 2
                    && receiver.received(b[0]).size() >= 3);
            assertThat(receiver.received(a[0])).extracting(Received::id).containsExactlyInAnyOrder(openedA, raisedA);
            assertThat(receiver.received(b[0])).extracting(Received::id).containsExactlyInAnyOrder(openedB, publicB, breachB);
            assertThat(receiver.received(a[0]).stream().map(r -> r.json(json).path("data").path("ticketId").asText()))
                    .containsOnly(ticketA);
            assertThat(receiver.received(b[0]).stream().map(r -> r.json(json).path("data").path("ticketId").asText()))
                    .containsOnly(ticketB);
        }
    }

    @Test
    void anEndpointIsDisabledAfterDeliveriesGivenUpInARowAndAnEventSaysSo() {
        String org = "org-" + id();
        String[] endpoint = register(org, "helpdesk.ticket.opened.v1");
        receiver.alwaysAnswer(endpoint[0], 500);

        try (DeskEvents desk = desk()) {
            desk.opened(id(), org);
            desk.opened(id(), org);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode view = api().get("/api/webhooks/" + endpoint[1], ADMIN).body();
                assertThat(view.path("active").asBoolean()).isFalse();
                assertThat(view.path("consecutiveFailures").asInt()).isEqualTo(2);
                assertThat(view.path("disabledReason").asText()).contains("HTTP 500");
            });
            assertThat(receiver.received(endpoint[0])).hasSize(8); // 2 deliveries x 4 attempts
            JsonNode log = api().get("/api/webhooks/" + endpoint[1] + "/deliveries", ADMIN).body();
            assertThat(log.path("items")).allSatisfy(line -> {
                assertThat(line.path("state").asText()).isEqualTo("FAILED");
                assertThat(line.path("attempts").asInt()).isEqualTo(4);
            });

            JsonNode disabled = awaitPublished(endpoint[1]);
            assertThat(disabled.path("type").asText()).isEqualTo("helpdesk.webhook.endpoint-disabled.v1");
            assertThat(disabled.path("subject").asText()).isEqualTo(endpoint[1]);
            assertThat(disabled.path("data").path("organizationId").asText()).isEqualTo(org);
            assertThat(disabled.path("data").path("consecutiveFailures").asInt()).isEqualTo(2);

            // a third event is not sent to the disabled endpoint
            desk.opened(id(), org);
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.received(endpoint[0]).size() == 8);
        }
    }

    private List<Received> ofTickets(List<Received> requests, List<String> tickets) {
        return requests.stream().filter(r -> tickets.contains(r.json(json).path("data").path("ticketId").asText())).toList();
    }

    private JsonNode awaitPublished(String endpointId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topics.webhooks()));
            List<JsonNode> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (endpointId.equals(record.key())) {
                        found.add(json.readTree(record.value()));
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }
}
