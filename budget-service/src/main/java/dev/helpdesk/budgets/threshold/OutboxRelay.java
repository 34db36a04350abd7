package dev.helpdesk.budgets.threshold;

import dev.helpdesk.budgets.config.BudgetProperties;
import dev.helpdesk.budgets.config.TopicNames;
import dev.helpdesk.edge.CorrelationIdFilter;
import dev.helpdesk.events.EventEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows in id order. One instance at a time (transaction-scoped advisory lock); rows are marked
 * published only after the broker acknowledged them, in the same transaction, so a crash re-sends at most the last
 * batch with the same event ids.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x4255444745544f42L; // "BUDGETOB"

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate transaction;
    private final TopicNames topics;
    private final BudgetProperties properties;

    public OutboxRelay(JdbcTemplate jdbc, KafkaTemplate<String, String> kafka, TransactionTemplate transaction,
                       TopicNames topics, BudgetProperties properties) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transaction = transaction;
        this.topics = topics;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${helpdesk.budgets.outbox-relay-interval}")
    public void relay() {
        try {
            transaction.executeWithoutResult(status -> publishBatch());
        } catch (RuntimeException e) {
            log.warn("Outbox relay failed, will retry: {}", e.toString());
        }
    }

    private void publishBatch() {
        Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY);
        if (!Boolean.TRUE.equals(locked)) {
            return;
        }
        List<Object[]> rows = jdbc.query("""
                        select id, record_key, payload, correlation_id from outbox
                        where published_at is null order by id limit ?""",
                (rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)},
                properties.outboxBatchSize());
        if (rows.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (Object[] row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topics.budgets(), (String) row[1], (String) row[2]);
            record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            if (row[3] != null) {
                record.headers().add(CorrelationIdFilter.HEADER, ((String) row[3]).getBytes(StandardCharsets.UTF_8));
            }
            sends.add(kafka.send(record));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Broker did not acknowledge the outbox batch", e);
        }
        Long[] ids = rows.stream().map(r -> (Long) r[0]).toArray(Long[]::new);
        jdbc.update("update outbox set published_at = now() where id = any(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids)));
    }
}
