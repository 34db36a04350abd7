package dev.helpdesk.tickets.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.testsupport.TestInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.TicketServiceApplication;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import dev.helpdesk.tickets.support.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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
import static org.awaitility.Awaitility.await;

/**
 * The rules of publication (docs/publishing.md), each against the real database and a real broker: every stored
 * event reaches Kafka, in its aggregate's order, at least once and under its stored id; two publishing instances
 * publish each event once; a broker restart during a batch loses nothing and reorders nothing, and no database
 * transaction is open while the publisher waits for it; events stored before a crash are published after it.
 */
class PublisherGuaranteesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final Map<String, Object> infrastructure = TestInfrastructure.freshProperties("tickets_publisher");

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    ConfigurableApplicationContext start(boolean publishing, String... extraArgs) {
        // One value per property: Spring joins a property given twice on the command line into a list.
        Map<String, Object> properties = new LinkedHashMap<>(infrastructure);
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        properties.put("helpdesk.tickets.publishing.enabled", publishing);
        for (String extra : extraArgs) {
            properties.put(extra.substring(2, extra.indexOf('=')), extra.substring(extra.indexOf('=') + 1));
        }
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TicketServiceApplication.class)
                .run(args.toArray(String[]::new));
        running.add(context);
        return context;
    }

    static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    TopicReader reader(String bootstrapServers) {
        return new TopicReader(bootstrapServers, (String) infrastructure.get("helpdesk.topics.tickets"));
    }

    String sharedBroker() {
        return (String) infrastructure.get("spring.kafka.bootstrap-servers");
    }

    /** An organisation with a contact; answers {organizationId, contact user}. */
    static String[] organisation(HttpApi api) {
        HttpApi.Answer org = api.post("/api/organizations", ADMIN, Bodies.organization("Uni"));
        assertThat(org.status()).as(org.toString()).isEqualTo(201);
        String organizationId = org.json().get("id").asText();
        String user = "contact-" + UUID.randomUUID();
        assertThat(api.post("/api/organizations/" + organizationId + "/contacts", ADMIN, Bodies.contact(user)).status()).isEqualTo(201);
        return new String[]{organizationId, user};
    }

    static String ticket(HttpApi api, String[] organisation) {
        HttpApi.Answer ticket = api.post("/api/tickets", TestTokens.contact(organisation[1], organisation[0]), Bodies.ticket(organisation[0]));
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
        return ticket.json().get("id").asText();
    }

    static void comment(HttpApi api, String ticketId, String body) {
        HttpApi.Answer answer = api.post("/api/tickets/" + ticketId + "/comments", AGENT, Map.of("body", body, "visibility", "PUBLIC"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    /** The store in global order: event id to {aggregate id, sequence number}. */
    static Map<String, Object[]> stored(JdbcTemplate jdbc) {
        Map<String, Object[]> events = new LinkedHashMap<>();
        jdbc.query("SELECT event_identifier, aggregate_identifier, sequence_number FROM domain_event_entry ORDER BY global_index",
                rs -> {
                    events.put(rs.getString(1), new Object[]{rs.getString(2), rs.getLong(3)});
                });
        return events;
    }

    /**
     * Appends {@code count} events to the store in one statement, as a busy writer would: copies of the stored event
     * {@code templateId} (of a ticket) for {@code aggregates} tickets of their own that no view knows, each one's
     * stream in order.
     */
    static void appendBurst(JdbcTemplate jdbc, String templateId, int count, int aggregates, String prefix) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, a.id, g / ?, t.type,
                       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), t.payload_type, t.payload_revision,
                       convert_to(replace(convert_from(t.payload, 'UTF8'), t.aggregate_identifier, a.id), 'UTF8'), t.meta_data
                FROM domain_event_entry t, generate_series(0, ? - 1) g,
                     LATERAL (SELECT md5(? || (g % ?))::uuid::text AS id) a
                WHERE t.event_identifier = ?
                ORDER BY g""", aggregates, count, prefix, aggregates, templateId);
    }

    /** The test's own connection to the service's database (a service's pool closes with it). */
    JdbcTemplate database() {
        return new JdbcTemplate(new DriverManagerDataSource((String) infrastructure.get("spring.datasource.url"),
                (String) infrastructure.getOrDefault("spring.datasource.username", "postgres"),
                (String) infrastructure.getOrDefault("spring.datasource.password", "")));
    }

    static String lastEventId(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry ORDER BY global_index DESC LIMIT 1", String.class);
    }

    static JsonNode value(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(record.value(), e);
        }
    }

    static Set<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> value(r).get("id").asText()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Every stored event was published under its stored id and key, and each aggregate's events, counting each
     * event at its first publication, arrived in the aggregate's order, none missing.
     */
    static void assertEveryEventPublishedInItsAggregatesOrder(Map<String, Object[]> stored, List<ConsumerRecord<String, String>> records) {
        assertThat(ids(records)).containsExactlyInAnyOrderElementsOf(stored.keySet());
        Map<String, List<Long>> published = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode envelope = value(record);
            String id = envelope.get("id").asText();
            Object[] event = stored.get(id);
            assertThat(record.key()).isEqualTo(event[0]);
            assertThat(envelope.get("subject").asText()).isEqualTo(event[0]);
            assertThat(envelope.get("sequence").asLong()).isEqualTo(event[1]);
            if (seen.add(id)) {
                published.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(envelope.get("sequence").asLong());
            }
        }
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        stored.values().forEach(event -> expected.computeIfAbsent((String) event[0], k -> new ArrayList<>()).add((Long) event[1]));
        expected.values().forEach(sequences -> sequences.sort(Long::compare));
        assertThat(published).isEqualTo(expected);
    }

    static double lag(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).get("helpdesk.tickets.publish.lag").gauge().value();
    }

    @Test
    void twoPublishingInstancesPublishEveryEventOnceInItsTicketsOrderAlsoWhenTheLeaderStops() {
        ConfigurableApplicationContext first = start(true, "--helpdesk.tickets.instance-id=node-a", "--helpdesk.tickets.publishing.batch-size=7");
        ConfigurableApplicationContext second = start(true, "--helpdesk.tickets.instance-id=node-b", "--helpdesk.tickets.publishing.batch-size=7");
        JdbcTemplate jdbc = database();
        String[] organisation = organisation(api(first));
        List<String> tickets = List.of(ticket(api(first), organisation), ticket(api(second), organisation), ticket(api(first), organisation));
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < tickets.size(); i++) {
                comment(api(i % 2 == round % 2 ? first : second), tickets.get(i), "Round " + round);
            }
        }
        String template = lastEventId(jdbc);
        appendBurst(jdbc, template, 300, 10, "burst-a-");

        try (TopicReader reader = reader(sharedBroker())) {
            Map<String, Object[]> stored = stored(jdbc);
            reader.readUntil(r -> ids(r).containsAll(stored.keySet()), Duration.ofSeconds(60));

            // The instance holding the publisher's token stops; the other one takes over and goes on.
            String owner = jdbc.queryForObject("SELECT owner FROM token_entry WHERE processor_name = 'kafka-publisher'", String.class);
            assertThat(owner).isIn("node-a/publisher", "node-b/publisher");
            ConfigurableApplicationContext leader = owner.startsWith("node-a") ? first : second;
            ConfigurableApplicationContext follower = leader == first ? second : first;
            leader.close();
            for (String ticketId : tickets) {
                comment(api(follower), ticketId, "After the leader stopped");
            }
            appendBurst(jdbc, template, 300, 10, "burst-b-");

            Map<String, Object[]> all = stored(jdbc);
            reader.readUntil(r -> ids(r).containsAll(all.keySet()), Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> records = reader.readFor(Duration.ofSeconds(1));

            assertEveryEventPublishedInItsAggregatesOrder(all, records);
            assertThat(records).as("no crash: each event once").hasSize(all.size());
            await().atMost(Duration.ofSeconds(10)).until(() -> lag(follower) == 0.0);
        }
    }

    @Test
    void aBrokerRestartDuringABatchLosesNothingAndKeepsEachAggregatesOrderWithNoTransactionOpenMeanwhile() throws Exception {
        try (RestartableKafka broker = RestartableKafka.start()) {
            ConfigurableApplicationContext app = start(true, "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--helpdesk.tickets.publishing.batch-size=100");
            JdbcTemplate jdbc = database();
            String[] organisation = organisation(api(app));
            String ticketId = ticket(api(app), organisation);
            comment(api(app), ticketId, "A template");
            String template = lastEventId(jdbc);

            try (TopicReader reader = reader(broker.bootstrapServers())) {
                Map<String, Object[]> before = stored(jdbc);
                reader.readUntil(r -> ids(r).containsAll(before.keySet()), Duration.ofSeconds(60));

                // A burst; the broker goes down while its batches are on their way.
                appendBurst(jdbc, template, 3000, 30, "burst-");
                reader.readUntil(r -> r.size() > before.size() + 50, Duration.ofSeconds(60));
                broker.stop();
                appendBurst(jdbc, template, 500, 30, "late-");

                // The publisher waits for the broker with no transaction left open in the database (the old one waited
                // "idle in transaction", its token row locked); the lag shows the wait.
                await().atMost(Duration.ofSeconds(30)).until(() -> lag(app) > 0);
                for (int look = 0; look < 15; look++) {
                    Thread.sleep(200);
                    assertThat(jdbc.queryForList("""
                            SELECT query FROM pg_stat_activity
                            WHERE datname = current_database() AND state LIKE 'idle in transaction%'
                              AND state_change < now() - interval '1 second'""", String.class))
                            .as("transactions left open while the broker is down").isEmpty();
                }
                assertThat(lag(app)).isPositive();

                broker.startAgain();
                Map<String, Object[]> all = stored(jdbc);
                reader.readUntil(r -> ids(r).containsAll(all.keySet()), Duration.ofSeconds(120));
                List<ConsumerRecord<String, String>> records = reader.readFor(Duration.ofSeconds(1));

                assertEveryEventPublishedInItsAggregatesOrder(all, records);
                await().atMost(Duration.ofSeconds(10)).until(() -> lag(app) == 0.0);
            }
        }
    }

    @Test
    void eventsStoredBeforeACrashArePublishedAfterTheRestartAndARepeatCarriesTheSameIdAndContent() throws Exception {
        // Stored, never published: the process that appended them died before its publisher sent them.
        ConfigurableApplicationContext crashed = start(false);
        JdbcTemplate jdbc = database();
        String[] organisation = organisation(api(crashed));
        String ticketId = ticket(api(crashed), organisation);
        comment(api(crashed), ticketId, "Before the crash");
        appendBurst(jdbc, lastEventId(jdbc), 200, 5, "burst-");
        Map<String, Object[]> stored = stored(jdbc);
        crashed.close();

        try (TopicReader reader = reader(sharedBroker())) {
            ConfigurableApplicationContext restarted = start(true);
            reader.readUntil(r -> ids(r).containsAll(stored.keySet()), Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> first = reader.readFor(Duration.ofSeconds(1));
            assertEveryEventPublishedInItsAggregatesOrder(stored, first);
            assertThat(first).hasSize(stored.size());
            restarted.close();

            // A crash after the broker acknowledged a batch but before the token moved: the token is where it was
            // before the batch, and the next publisher sends the batch again.
            long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            jdbc.update("UPDATE token_entry SET token = convert_to(?, 'UTF8') WHERE processor_name = 'kafka-publisher'",
                    "{\"index\":" + (head - 50) + ",\"gaps\":[]}");
            Map<String, String> firstValues = first.stream().collect(Collectors.toMap(r -> value(r).get("id").asText(),
                    ConsumerRecord::value, (a, b) -> a));

            start(true);
            List<ConsumerRecord<String, String>> records = reader.readUntil(r -> r.size() >= first.size() + 50, Duration.ofSeconds(60));
            records = reader.readFor(Duration.ofSeconds(1));
            assertThat(records).hasSize(first.size() + 50);
            for (ConsumerRecord<String, String> repeat : records.subList(first.size(), records.size())) {
                String id = value(repeat).get("id").asText();
                assertThat(firstValues).containsKey(id);
                assertThat(JSON.readTree(repeat.value())).isEqualTo(JSON.readTree(firstValues.get(id)));
            }
            assertEveryEventPublishedInItsAggregatesOrder(stored, records);
        }
    }
}
