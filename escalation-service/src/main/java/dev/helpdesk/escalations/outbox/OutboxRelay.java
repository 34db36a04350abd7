package dev.helpdesk.escalations.outbox;

import dev.helpdesk.escalations.config.EscalationProperties;
import dev.helpdesk.escalations.config.TopicNames;
import dev.helpdesk.events.EventEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox in id order. One instance at a time relays (a transaction-scoped advisory lock), waits for
 * the broker's acknowledgements, then marks the rows published in the same transaction: a crash re-sends at most
 * the last batch, with the same event ids.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock key of the escalation-service relay ("esc" + 1). */
    private static final long RELAY_LOCK = 0x657363_01L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, String> kafka;
    private final TopicNames topics;
    private final EscalationProperties properties;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
                       TopicNames topics, EscalationProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.topics = topics;
        this.properties = properties;
    }

    public void relayPending() {
        try {
            transaction.executeWithoutResult(status -> relayBatch());
        } catch (RuntimeException e) {
            log.warn("Outbox relay failed, will retry: {}", e.toString());
        }
    }

    /** Deletes published events older than the retention (the topic keeps them; the table need not). */
    public void prunePublished() {
        try {
            int pruned = jdbc.update("DELETE FROM outbox WHERE published_at < ?",
                    Timestamp.from(Instant.now().minus(properties.outboxRetention())));
            if (pruned > 0) {
                log.info("Pruned {} published outbox rows", pruned);
            }
        } catch (RuntimeException e) {
            log.warn("Pruning the outbox failed, will retry: {}", e.toString());
        }
    }

    private void relayBatch() {
        Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
        if (!Boolean.TRUE.equals(locked)) {
            return;
        }
        List<PendingRecord> pending = jdbc.query(
                "SELECT id, record_key, payload, correlation_id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?",
                (rs, row) -> new PendingRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                properties.outboxBatchSize());
        if (pending.isEmpty()) {
            return;
        }
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
        for (PendingRecord record : pending) {
            sends.add(kafka.send(record.toProducerRecord(topics.escalations())));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Publishing the outbox failed", e);
        }
        Long[] ids = pending.stream().map(PendingRecord::id).toArray(Long[]::new);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("UPDATE outbox SET published_at = now() WHERE id = ANY (?)");
            statement.setArray(1, connection.createArrayOf("bigint", ids));
            return statement;
        });
    }

    private record PendingRecord(long id, String key, String payload, String correlationId) {

        ProducerRecord<String, String> toProducerRecord(String topic) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            if (correlationId != null) {
                record.headers().add("X-Correlation-Id", correlationId.getBytes(StandardCharsets.UTF_8));
            }
            return record;
        }
    }
}
