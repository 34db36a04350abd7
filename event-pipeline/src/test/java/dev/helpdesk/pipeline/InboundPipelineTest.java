package dev.helpdesk.pipeline;

import dev.helpdesk.testsupport.RealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@RealInfrastructure(database = "pipeline")
class InboundPipelineTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Value("${helpdesk.topics.tickets}")
    String topic;

    @Test
    void setsAsidePoisonRecordsWithTheirReasonAndAppliesTheGoodOnesAroundThem() {
        String good1 = UUID.randomUUID().toString();
        String good2 = UUID.randomUUID().toString();
        String good3 = UUID.randomUUID().toString();
        String nul = UUID.randomUUID().toString();
        String lacking = UUID.randomUUID().toString();
        send(List.of(
                note(good1, "first"),
                "this is not json",
                note(nul, "a NUL \\u0000 PostgreSQL refuses"),
                envelope(UUID.randomUUID().toString(), "test.something-else.v1", "{\"x\":1}"),
                note(good2, "second"),
                envelope(lacking, "test.note.added.v1", "{\"noteId\":\"n\"}"),
                note(good1, "first again (a repeat)"),
                note(good3, "third")));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("SELECT body FROM note ORDER BY position_seen", String.class))
                    .containsExactly("first", "second", "third");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter", Integer.class)).isEqualTo(3);
        });
        Map<String, Object> notJson = jdbc.queryForMap("SELECT * FROM dead_letter WHERE event_id IS NULL");
        assertThat(notJson.get("reason")).isEqualTo("value is not JSON");
        assertThat(notJson.get("record_value")).isEqualTo("this is not json");
        Map<String, Object> refused = jdbc.queryForMap("SELECT * FROM dead_letter WHERE event_id = ?", nul);
        assertThat((String) refused.get("reason")).containsAnyOf("0x00", "Zero bytes");
        assertThat(refused.get("attempts")).isEqualTo(3);
        Map<String, Object> incomplete = jdbc.queryForMap("SELECT * FROM dead_letter WHERE event_id = ?", lacking);
        assertThat(incomplete.get("reason")).isEqualTo("test.note.added.v1 lacks data.body");
        assertThat(jdbc.queryForList("SELECT event_id FROM processed_event", String.class))
                .containsExactlyInAnyOrder(good1, good2, good3);
        // Counted once each, though the poll's first transaction (which stored the unreadable ones) rolled back.
        assertThat(meters.counter("helpdesk.dead.letters", "topic", topic).count()).isEqualTo(3.0);
    }

    private void send(List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "one-stream", value));
            }
            producer.flush();
        }
    }

    private static String note(String id, String body) {
        return envelope(id, "test.note.added.v1", "{\"noteId\":\"" + id + "\",\"body\":\"" + body + "\"}");
    }

    private static String envelope(String id, String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"/test\","
                + "\"subject\":\"one-stream\",\"time\":\"2026-12-03T10:00:00Z\",\"data\":" + data + "}";
    }
}
