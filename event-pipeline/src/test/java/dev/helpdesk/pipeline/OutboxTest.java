package dev.helpdesk.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxProperties;
import dev.helpdesk.pipeline.outbox.OutboxRelay;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@RealInfrastructure(database = "outbox")
class OutboxTest {

    @Autowired
    OutboxWriter writer;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ObjectMapper json;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;
    @Value("${helpdesk.topics.sla}")
    String topic;

    record Happened(String streamId, int n) {
    }

    @Test
    void publishesEveryStreamInOrderWithGaplessSequencesWhileTwoRelaysCompete() throws Exception {
        // A second relay, as a second instance of the service would run, on the same database.
        OutboxRelay second = new OutboxRelay(dataSource, kafka, new OutboxProperties(true, 3, Duration.ofMillis(50),
                Duration.ofSeconds(30), Duration.ofDays(7), Duration.ofHours(1)), new SimpleMeterRegistry());
        second.start();
        try {
            List<String> streams = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString());
            for (int round = 0; round < 10; round++) {
                int n = round;
                if (round == 5) {
                    // the leader (most likely this one, started first) stops: the other takes over, order kept
                    relay.stop();
                }
                transaction.executeWithoutResult(status -> {
                    List<OutboxEvent> events = new ArrayList<>();
                    for (String stream : streams) {
                        events.add(event(stream, n * 2));
                        events.add(event(stream, n * 2 + 1));
                    }
                    writer.appendAll(events);
                });
            }
            Map<String, List<JsonNode>> received = readAll(60, record -> streams.contains(record.key()));
            for (String stream : streams) {
                List<JsonNode> events = received.get(stream);
                assertThat(events).extracting(e -> e.get("data").get("n").asInt()).containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 20).boxed().toList());
                assertThat(events).extracting(e -> e.get("sequence").asLong()).containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 20).boxed().toList());
                assertThat(events).allSatisfy(e -> {
                    assertThat(e.get("subject").asText()).isEqualTo(stream);
                    assertThat(e.get("source").asText()).isEqualTo("/pipeline-test");
                    assertThat(e.get("aggregatetype").asText()).isEqualTo("Thing");
                });
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class)).isZero());
        } finally {
            second.stop();
            relay.start();
        }
    }

    @Test
    void theLeaderIsToldOfRowsAnotherInstanceWroteAndKeepsItsLockBetweenThem() throws Exception {
        // A writer of another instance: it hands nothing over and wakes nothing here; only its commit's notification
        // reaches this relay, whose fallback look is 30 s away (application.yml).
        OutboxWriter other = new OutboxWriter(jdbc, json, "/pipeline-test", () -> { });
        String stream = UUID.randomUUID().toString();
        long started = System.nanoTime();
        for (int n = 0; n < 3; n++) {
            int number = n;
            transaction.executeWithoutResult(status -> other.append(event(stream, number)));
        }
        List<JsonNode> received = readAll(3, stream);
        assertThat(received).extracting(e -> e.get("sequence").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND ((classid::bigint << 32) | objid::bigint) = ?", Long.class, 0x6f7574626f78L))
                .as("the leader's lock, held between wake-ups").isOne();
    }

    @Test
    void refusesToWriteOutsideATransaction() {
        assertThatThrownBy(() -> writer.append(event("s", 0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nothingIsPublishedWhenTheStateChangeRollsBack() {
        String stream = UUID.randomUUID().toString();
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            writer.append(event(stream, 0));
            throw new IllegalStateException("the state change failed");
        })).hasMessage("the state change failed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE record_key = ?", Integer.class, stream)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_stream WHERE stream_key = ?", Integer.class, stream))
                .isZero();
    }

    private OutboxEvent event(String stream, int n) {
        return new OutboxEvent(topic, stream, "Thing", "test.thing.happened.v1", Instant.parse("2026-12-03T10:00:00Z"),
                "system", null, new Happened(stream, n));
    }

    private List<JsonNode> readAll(int expected, String stream) throws Exception {
        return readAll(expected, record -> record.key().equals(stream)).getOrDefault(stream, List.of());
    }

    /** Reads the topic until every expected event arrived (duplicates of a re-sent batch are dropped by id). */
    private Map<String, List<JsonNode>> readAll(int expected,
                                                java.util.function.Predicate<ConsumerRecord<String, String>> wanted)
            throws Exception {
        Map<String, List<JsonNode>> byStream = new HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!wanted.test(record)) {
                        continue;
                    }
                    JsonNode envelope = json.readTree(record.value());
                    assertThat(record.key()).isEqualTo(envelope.get("subject").asText());
                    if (seen.add(envelope.get("id").asText())) {
                        byStream.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(envelope);
                    }
                }
            }
        }
        assertThat(seen).hasSize(expected);
        return byStream;
    }
}
