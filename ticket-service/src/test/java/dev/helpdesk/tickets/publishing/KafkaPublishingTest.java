package dev.helpdesk.tickets.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.testsupport.TestInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.TicketServiceApplication;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import dev.helpdesk.tickets.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher against the real broker and database, with the service started and stopped by hand so that
 * restarts are real: a new application context on the same database and topic.
 */
class KafkaPublishingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = TestTokens.admin("admin-1");

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final Map<String, Object> infrastructure = TestInfrastructure.freshProperties("tickets_publishing");

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    ConfigurableApplicationContext start(boolean publishing, String... extraArgs) {
        List<String> args = new ArrayList<>();
        infrastructure.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(extraArgs));
        args.add("--server.port=0");
        args.add("--management.server.port=0");
        args.add("--helpdesk.tickets.publishing.enabled=" + publishing);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TicketServiceApplication.class)
                .run(args.toArray(String[]::new));
        running.add(context);
        return context;
    }

    static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    String topic() {
        return (String) infrastructure.get("helpdesk.topics.tickets");
    }

    TopicReader reader() {
        return new TopicReader((String) infrastructure.get("spring.kafka.bootstrap-servers"), topic());
    }

    /** Registers an organisation with a contact and opens a ticket; answers {organizationId, ticketId}. */
    static String[] organisationAndTicket(HttpApi api, String correlationId) {
        HttpApi.Answer org = api.post("/api/organizations", ADMIN, Bodies.organization("Uni"), "X-Correlation-Id", correlationId);
        assertThat(org.status()).as(org.toString()).isEqualTo(201);
        String organizationId = org.json().get("id").asText();
        String user = "contact-" + UUID.randomUUID();
        assertThat(api.post("/api/organizations/" + organizationId + "/contacts", ADMIN, Bodies.contact(user)).status()).isEqualTo(201);
        HttpApi.Answer ticket = api.post("/api/tickets", TestTokens.contact(user, organizationId), Bodies.ticket(organizationId),
                "X-Correlation-Id", correlationId);
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
        return new String[]{organizationId, ticket.json().get("id").asText(), user};
    }

    static JsonNode value(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(record.value(), e);
        }
    }

    static Set<String> storedEventIds(ConfigurableApplicationContext context) {
        return new LinkedHashSet<>(context.getBean(JdbcTemplate.class)
                .queryForList("SELECT event_identifier FROM domain_event_entry ORDER BY global_index", String.class));
    }

    @Test
    void aStoredEventReachesKafkaInTheDocumentedEnvelope() {
        ConfigurableApplicationContext app = start(true);
        String[] ids = organisationAndTicket(api(app), "corr-envelope-1");
        String ticketId = ids[1];
        Map<String, Object> stored = app.getBean(JdbcTemplate.class).queryForMap(
                "SELECT event_identifier, global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0", ticketId);

        try (TopicReader reader = reader()) {
            ConsumerRecord<String, String> record = reader.readUntil(
                    records -> records.stream().anyMatch(r -> ticketId.equals(r.key())), Duration.ofSeconds(30))
                    .stream().filter(r -> ticketId.equals(r.key())).findFirst().orElseThrow();
            JsonNode envelope = value(record);
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("application/cloudevents+json");
            assertThat(envelope.get("specversion").asText()).isEqualTo("1.0");
            assertThat(envelope.get("id").asText()).isEqualTo(stored.get("event_identifier"));
            assertThat(envelope.get("type").asText()).isEqualTo("helpdesk.ticket.opened.v1");
            assertThat(envelope.get("source").asText()).isEqualTo("/ticket-service");
            assertThat(envelope.get("subject").asText()).isEqualTo(ticketId);
            assertThat(envelope.get("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(envelope.get("aggregatetype").asText()).isEqualTo("Ticket");
            assertThat(envelope.get("sequence").asLong()).isZero();
            assertThat(envelope.get("position").asLong()).isEqualTo(((Number) stored.get("global_index")).longValue());
            assertThat(envelope.get("actor").asText()).isEqualTo(ids[2]);
            assertThat(envelope.get("correlationid").asText()).isEqualTo("corr-envelope-1");
            assertThat(envelope.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            JsonNode data = envelope.get("data");
            assertThat(data.get("ticketId").asText()).isEqualTo(ticketId);
            assertThat(data.get("organizationId").asText()).isEqualTo(ids[0]);
            assertThat(data.get("key").asText()).matches("HD-\\d+");
            assertThat(data.get("plan").asText()).isEqualTo("STANDARD");
            assertThat(data.get("calendar").asText()).isEqualTo("BUSINESS_HOURS");
            assertThat(data.get("timeZone").asText()).isEqualTo("Europe/Berlin");
            assertThat(data.get("severity").asText()).isEqualTo("S2");
            assertThat(data.get("openedByKind").asText()).isEqualTo("CONTACT");
            assertThat(data.get("openedAt").asText()).endsWith("Z");
        }
    }

    /**
     * The request's trace goes on after it ended: its context is stored in the events' metadata, the envelope carries
     * it (CloudEvents distributed-tracing extension) and the record headers carry the publication span, its child.
     */
    @Test
    void aRequestsTraceIsStoredWithItsEventsAndContinuedWhenTheyArePublished() {
        ConfigurableApplicationContext app = start(true);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        HttpApi.Answer org = api(app).post("/api/organizations", ADMIN, Bodies.organization("Traced"),
                "traceparent", "00-" + traceId + "-" + callerSpanId + "-01");
        assertThat(org.status()).as(org.toString()).isEqualTo(201);
        String organizationId = org.json().get("id").asText();

        String metaData = app.getBean(JdbcTemplate.class).queryForObject("SELECT convert_from(meta_data, 'UTF8') "
                + "FROM domain_event_entry WHERE aggregate_identifier = ?", String.class, organizationId);
        assertThat(metaData).contains("\"traceparent\":\"00-" + traceId + "-");
        try (TopicReader reader = reader()) {
            ConsumerRecord<String, String> record = reader.readUntil(
                    records -> records.stream().anyMatch(r -> organizationId.equals(r.key())), Duration.ofSeconds(30))
                    .stream().filter(r -> organizationId.equals(r.key())).findFirst().orElseThrow();
            String stored = value(record).get("traceparent").asText();
            String header = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
            // The request's span in this service, child of the caller's; the publication's span, another one.
            assertThat(stored).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain(callerSpanId);
            assertThat(header).matches("00-" + traceId + "-[0-9a-f]{16}-01").isNotEqualTo(stored)
                    .doesNotContain(callerSpanId);
        }
    }

    @Test
    void eventsStoredBeforeThePublisherRanAndAcrossRestartsArePublishedOnceInStreamOrder() {
        ConfigurableApplicationContext quiet = start(false);
        String[] first = organisationAndTicket(api(quiet), "corr-before");
        Set<String> storedBeforePublisher = storedEventIds(quiet);
        assertThat(storedBeforePublisher).hasSize(3);
        quiet.close();

        try (TopicReader reader = reader()) {
            assertThat(reader.readFor(Duration.ofSeconds(1))).isEmpty();

            ConfigurableApplicationContext publisher = start(true);
            reader.readUntil(records -> ids(records).containsAll(storedBeforePublisher), Duration.ofSeconds(30));

            HttpApi api = api(publisher);
            String agent = TestTokens.agent("agent-1");
            assertThat(api.post("/api/tickets/" + first[1] + "/comments", agent,
                    Map.of("body", "Looking at it", "visibility", "PUBLIC")).status()).isEqualTo(201);
            publisher.close();

            ConfigurableApplicationContext restarted = start(true);
            HttpApi.Answer assigned = api(restarted).post("/api/tickets/" + first[1] + "/assignment", agent, Map.of("assignee", "agent-2"));
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
            Set<String> stored = storedEventIds(restarted);

            List<ConsumerRecord<String, String>> records = reader.readUntil(r -> ids(r).containsAll(stored), Duration.ofSeconds(30));
            records = reader.readFor(Duration.ofSeconds(1));

            // Nothing lost, nothing unknown: every record is a stored event, every stored event has a record.
            assertThat(ids(records)).isEqualTo(stored);
            // A repeat (if any) carries the same id; per ticket the distinct events arrive in stream order.
            Map<String, List<Long>> sequencesByKey = new LinkedHashMap<>();
            Set<String> seen = new LinkedHashSet<>();
            for (ConsumerRecord<String, String> record : records) {
                JsonNode envelope = value(record);
                assertThat(record.key()).isEqualTo(envelope.get("subject").asText());
                if (seen.add(envelope.get("id").asText())) {
                    sequencesByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(envelope.get("sequence").asLong());
                }
            }
            assertThat(sequencesByKey.get(first[1])).containsExactly(0L, 1L, 2L, 3L); // opened, comment, automatic IN_PROGRESS, assigned
            assertThat(sequencesByKey.get(first[0])).containsExactly(0L, 1L);
        }
    }

    static Set<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> value(r).get("id").asText()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void eventsStoredWhileKafkaIsUnreachableArePublishedOnceItIsBack() {
        ConfigurableApplicationContext cutOff = start(true,
                "--spring.kafka.bootstrap-servers=localhost:1",
                "--spring.kafka.admin.operation-timeout=2s",
                "--spring.kafka.producer.properties.max.block.ms=500",
                "--spring.kafka.listener.auto-startup=false");
        String[] ids = organisationAndTicket(api(cutOff), "corr-offline");
        Set<String> stored = storedEventIds(cutOff);
        assertThat(stored).hasSize(3);
        cutOff.close();

        try (TopicReader reader = reader()) {
            start(true);
            List<ConsumerRecord<String, String>> records = reader.readUntil(r -> ids(r).containsAll(stored), Duration.ofSeconds(30));
            assertThat(records.stream().filter(r -> ids[1].equals(r.key())).map(r -> value(r).get("type").asText()))
                    .containsExactly("helpdesk.ticket.opened.v1");
        }
    }

    @Test
    void twoInstancesOnOneDatabaseServeTheSameTicketsAndPublishEachEventOnce() {
        ConfigurableApplicationContext first = start(true);
        ConfigurableApplicationContext second = start(true);
        String[] ids = organisationAndTicket(api(first), "corr-two-nodes");
        String agent = TestTokens.agent("agent-1");

        HttpApi.Answer viaSecond = api(second).post("/api/tickets/" + ids[1] + "/comments", agent,
                Map.of("body", "Answered from the second instance", "visibility", "PUBLIC"));
        assertThat(viaSecond.status()).as(viaSecond.toString()).isEqualTo(201);
        assertThat(viaSecond.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        HttpApi.Answer staleOnFirst = api(first).post("/api/tickets/" + ids[1] + "/status", agent,
                Map.of("status", "RESOLVED", "resolution", "Quiz timeout raised; the course works again"), "If-Match", "\"0\"");
        assertThat(staleOnFirst.status()).isEqualTo(409);
        String secondTicket = api(second).post("/api/tickets", TestTokens.contact(ids[2], ids[0]), Bodies.ticket(ids[0]))
                .json().get("key").asText();
        assertThat(secondTicket).isNotEqualTo(api(first).get("/api/tickets/" + ids[1], agent).json().get("key").asText());

        Set<String> stored = storedEventIds(first);
        try (TopicReader reader = reader()) {
            reader.readUntil(r -> ids(r).containsAll(stored), Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = reader.readFor(Duration.ofSeconds(1));
            assertThat(records).hasSize(stored.size());
        }
    }
}
