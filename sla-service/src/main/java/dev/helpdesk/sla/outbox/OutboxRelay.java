package dev.helpdesk.sla.outbox;

import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.sla.ticket.SlaMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows in id order. One instance at a time (transaction-scoped advisory lock); rows are marked
 * published only after the broker acknowledged them, so a crash re-sends at most the last batch, with the same
 * event ids. A full batch is followed at once by the next (one transaction each) until the outbox is drained, so a
 * burst (thousands of timers firing together) is not paced by the relay interval.
 */
@Component
public class OutboxRelay {

    private static final long RELAY_LOCK = 0x534c41_4f5554L; // "SLA" "OUT"
    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final SlaMetrics metrics;
    private final TransactionTemplate transactions;

    public OutboxRelay(JdbcTemplate jdbc, KafkaTemplate<String, String> kafka, @Value("${helpdesk.topics.sla}") String topic,
                       SlaMetrics metrics, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.topic = topic;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${helpdesk.sla.outbox.relay-interval:PT0.1S}")
    public void relay() {
        Integer sent;
        do {
            sent = transactions.execute(status -> relayBatch());
        } while (sent != null && sent == BATCH);
    }

    /** Answers how many rows were published (0 when another instance holds the relay lock). */
    private int relayBatch() {
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK))) {
            return 0;
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
            return 0;
        }
        try {
            for (CompletableFuture<SendResult<String, String>> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the batch", e);
        }
        jdbc.update("UPDATE outbox SET published_at = now() WHERE id = ANY (?)",
                (Object) ids.toArray(new Long[0]));
        Instant published = Instant.now();
        written.forEach(at -> metrics.publishLag(Duration.between(at, published)));
        return ids.size();
    }
}
