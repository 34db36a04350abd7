package dev.helpdesk.sla.outbox;

import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.sla.ticket.SlaMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes outbox rows in id order. One instance at a time (transaction-scoped advisory lock); rows are marked
 * published only after the broker acknowledged them, so a crash re-sends at most the last batch, with the same
 * event ids.
 */
@Component
public class OutboxRelay {

    private static final long RELAY_LOCK = 0x534c41_4f5554L; // "SLA" "OUT"
    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final SlaMetrics metrics;

    public OutboxRelay(JdbcTemplate jdbc, KafkaTemplate<String, String> kafka, @Value("${helpdesk.topics.sla}") String topic,
                       SlaMetrics metrics) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${helpdesk.sla.outbox.relay-interval:PT0.1S}")
    @Transactional
    public void relay() throws Exception {
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK))) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        List<Instant> written = new ArrayList<>();
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
        jdbc.query("SELECT id, record_key, payload, correlation_id, created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?", row -> {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, row.getString("record_key"), row.getString("payload"));
            record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            String correlationId = row.getString("correlation_id");
            if (correlationId != null) {
                record.headers().add("X-Correlation-Id", correlationId.getBytes(StandardCharsets.UTF_8));
            }
            sends.add(kafka.send(record));
            ids.add(row.getLong("id"));
            written.add(row.getTimestamp("created_at").toInstant());
        }, BATCH);
        if (ids.isEmpty()) {
            return;
        }
        for (CompletableFuture<SendResult<String, String>> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        jdbc.update("UPDATE outbox SET published_at = now() WHERE id = ANY (?)",
                (Object) ids.toArray(new Long[0]));
        Instant published = Instant.now();
        written.forEach(at -> metrics.publishLag(Duration.between(at, published)));
    }
}
