package dev.helpdesk.budgets.projection;

import dev.helpdesk.budgets.threshold.ThresholdWatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/**
 * Applies each live ticket record to the active generation in one transaction, together with its de-duplication
 * mark, the threshold check (and its outbox row) and the consumer's position. Unreadable records and records the
 * projection refuses become dead letters; database outages are rethrown so the listener retries with back-off.
 */
@Component
public class LiveProjection {

    private final TicketEventReader reader;
    private final ProjectionWriter writer;
    private final Generations generations;
    private final ThresholdWatcher thresholds;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;

    public LiveProjection(TicketEventReader reader, ProjectionWriter writer, Generations generations,
                          ThresholdWatcher thresholds, DeadLetters deadLetters, TransactionTemplate transaction,
                          JdbcTemplate jdbc) {
        this.reader = reader;
        this.writer = writer;
        this.generations = generations;
        this.thresholds = thresholds;
        this.deadLetters = deadLetters;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    public void accept(ConsumerRecord<String, String> record) {
        Optional<IncomingEvent> event;
        try {
            event = reader.read(record.value());
        } catch (MalformedEventException e) {
            deadLetters.store(record, e.getMessage());
            return;
        }
        try {
            transaction.executeWithoutResult(status -> {
                event.ifPresent(this::applyToActiveGeneration);
                advancePosition(record);
            });
        } catch (TransientDataAccessException | RecoverableDataAccessException | DataAccessResourceFailureException
                 | CannotCreateTransactionException e) {
            throw e;
        } catch (RuntimeException e) {
            deadLetters.store(record, e instanceof MalformedEventException ? e.getMessage() : "could not be applied: "
                    + e.getClass().getSimpleName());
        }
    }

    private void applyToActiveGeneration(IncomingEvent event) {
        int generation = generations.activeForWriting();
        String organizationId = ProjectionWriter.organizationOf(event.data());
        // One organisation at a time across instances and partitions: a threshold check must see every entry
        // committed before it, or two concurrent entries could cross a threshold together unnoticed.
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))", Object.class, "budget:" + organizationId);
        writer.apply(generation, event);
        // Checked even for a repeat: a rebuild may have applied this event to the generation before it went live.
        thresholds.check(generation, organizationId, event);
    }

    private void advancePosition(ConsumerRecord<String, String> record) {
        jdbc.update("""
                insert into consumer_position (topic, partition, next_offset) values (?, ?, ?)
                on conflict (topic, partition) do update
                    set next_offset = greatest(consumer_position.next_offset, excluded.next_offset)""",
                record.topic(), record.partition(), record.offset() + 1);
    }
}
