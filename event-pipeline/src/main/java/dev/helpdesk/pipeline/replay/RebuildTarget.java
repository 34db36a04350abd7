package dev.helpdesk.pipeline.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A projection a service rebuilds from the topics it consumes: the service's part of a replay (its tables and its
 * domain rules). {@link ProjectionReplays} does the rest: reading the topics from the beginning, progress, one replay
 * at a time, cancel, and the switch once the new generation has caught up with what the live consumer applied.
 * Every method but {@link #projection}, {@link #topics} and {@link #liveConsumerGroup} runs in a transaction marked
 * {@link Rebuilding}.
 */
public interface RebuildTarget {

    /** The projection's name in the API ({@code sla-clocks}, {@code escalations}). */
    String projection();

    /** The topics the projection is built from. */
    List<String> topics();

    /**
     * Topics the service produces itself (its transactional outbox relays them) and rebuilds from: read to their end,
     * never limited by a consumer group's offsets, and at the switch with the served generation locked read to their
     * end after {@link #unrelayed()}: every event the live path decided is then in one or both (the target drops
     * repeats by event id). Default: none.
     */
    default List<String> ownTopics() {
        return List.of();
    }

    /**
     * With the served generation locked, the events of {@link #ownTopics()} the live path has committed to its outbox
     * and not yet seen relayed, as records in outbox order (any topic, partition and offset): applied after the topics'
     * rest. Called before the own topics' ends are read. Default: none.
     */
    default List<ConsumerRecord<String, String>> unrelayed() {
        return List.of();
    }

    /** The consumer group of the live path that keeps the served generation. */
    String liveConsumerGroup();

    /** Creates the empty tables of the next generation {@code generation} (and drops any left by an earlier replay). */
    void prepare(String generation);

    /**
     * Applies records read from the history, in order, to the next generation; a record that cannot be applied is
     * skipped, never fatal. Answers how many were skipped.
     */
    int apply(String generation, List<ConsumerRecord<String, String>> records);

    /**
     * Of records the live path may have applied without recording their id in {@code processed_event} (the types
     * its handler declares {@code idempotent}), the event ids whose effect the served generation already holds.
     * Called at the switch, with the served generation locked, for records past the live group's committed offsets.
     * Default: none (every type the live path applies is recorded).
     */
    default Set<String> appliedWithoutRecord(List<ConsumerRecord<String, String>> records) {
        return Set.of();
    }

    /** Locks the served generation against live readers and writers until the transaction ends (or fails in time). */
    void lockServed(Duration timeout);

    /** With the served generation locked and the next one caught up: serves the next one and drops the old. */
    void switchOver(String generation);

    /** Drops the next generation (a cancelled or failed replay). */
    void discard(String generation);
}
