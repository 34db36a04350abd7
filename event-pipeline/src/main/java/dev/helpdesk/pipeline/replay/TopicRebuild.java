package dev.helpdesk.pipeline.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One replay: reads the target's topics from the beginning with a consumer of its own (all partitions assigned, no
 * group), never past what the live consumer has committed, into the next generation, a poll per transaction. Then,
 * in one transaction with the served generation locked (the live consumer waits), it reads the rest: records below
 * the live group's committed offsets, and past them exactly those whose event id the live path has recorded as
 * applied ({@code processed_event}); the live consumer applies the others to the new generation after the switch.
 * The switch follows in that transaction. The target's own topics ({@link RebuildTarget#ownTopics}, which it
 * produces) are read to their end instead, and at the switch after the events its outbox has not relayed yet
 * ({@link RebuildTarget#unrelayed}), all of them applied. Cancelled or failed: the next generation is dropped.
 */
final class TopicRebuild implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TopicRebuild.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    private static final int SWITCH_ATTEMPTS = 5;
    /** Longest the switch reads the rest of the topics with the served tables locked. */
    private static final Duration SWITCH_READ_LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID id;
    private final String generation;
    private final RebuildTarget target;
    private final ReplayLog replays;
    private final Supplier<KafkaConsumer<String, String>> consumers;
    private final Supplier<Admin> admins;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private Admin admin;
    private long done;
    private long total;
    private long skipped;

    TopicRebuild(UUID id, RebuildTarget target, ReplayLog replays, Supplier<KafkaConsumer<String, String>> consumers,
                 Supplier<Admin> admins, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.id = id;
        this.generation = id.toString().replace("-", "");
        this.target = target;
        this.replays = replays;
        this.consumers = consumers;
        this.admins = admins;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, String> consumer = consumers.get(); Admin admin = admins.get()) {
            this.admin = admin;
            inRebuildRun(() -> target.prepare(generation));
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> topics = new ArrayList<>(target.topics());
            topics.addAll(target.ownTopics());
            topics.forEach(topic -> consumer.partitionsFor(topic).forEach(
                    p -> partitions.add(new TopicPartition(p.topic(), p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            consumer.endOffsets(partitions).forEach((p, end) -> total += end - beginning.getOrDefault(p, 0L));
            for (int round = 0; round < 2; round++) {
                if (!catchUp(consumer, limits(consumer, partitions))) {
                    return;
                }
            }
            switchOver(consumer, partitions);
        } catch (Exception e) {
            log.error("Replay {} of {} failed", id, target.projection(), e);
            if (replays.failed(id, "Replay failed: " + e.getClass().getSimpleName())) {
                discardQuietly();
            }
        }
    }

    /** Reads and applies up to {@code until}; false when the replay was cancelled meanwhile (then it is discarded). */
    private boolean catchUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> until) {
        while (true) {
            Set<TopicPartition> reached = reached(consumer, until);
            consumer.pause(reached);
            if (reached.size() == until.size()) {
                consumer.resume(reached);
                return true;
            }
            List<ConsumerRecord<String, String>> records = within(consumer, consumer.poll(POLL), until);
            if (!records.isEmpty()) {
                skipped += inRebuild(() -> target.apply(generation, records));
                done += records.size();
            }
            String state = replays.progressed(id, done, total, skipped);
            if (!state.equals(ReplayStates.RUNNING)) {
                stopped(state);
                return false;
            }
        }
    }

    private void switchOver(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        for (int attempt = 1; ; attempt++) {
            try {
                String state = transaction.execute(status -> {
                    Rebuilding.mark();
                    return switchLocked(consumer, partitions);
                });
                if (!state.equals(ReplayStates.RUNNING)) {
                    stopped(state);
                }
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == SWITCH_ATTEMPTS) {
                    throw e;
                }
                log.info("Replay {}: the served {} are busy; catching up and trying the switch again", id,
                        target.projection());
                if (!catchUp(consumer, limits(consumer, partitions))) {
                    return;
                }
            }
        }
    }

    /** In one transaction: the served generation locked, the rest of the history, the switch (RUNNING: done). */
    private String switchLocked(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        String state = replays.lockState(id);
        if (!state.equals(ReplayStates.RUNNING)) {
            return state;
        }
        long mark = done;
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(p -> positions.put(p, consumer.position(p)));
        // Read before the lock (an admin round trip is slow): a lower offset only sends more records through the
        // processed_event check below, which decides right whatever the offset. The own topics are taken whole.
        Map<TopicPartition, Long> committed = committed(partitions);
        own(partitions).forEach(p -> committed.put(p, Long.MAX_VALUE));
        try {
            target.lockServed(LOCK_WAIT);
            long locked = System.nanoTime();
            // the outbox first: an event relayed after this read was on the topic before the ends read next
            List<ConsumerRecord<String, String>> unrelayed = target.unrelayed();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.resume(partitions);
            long mustEnd = locked + SWITCH_READ_LIMIT.toNanos();
            while (reached(consumer, end).size() < end.size()) {
                if (System.nanoTime() > mustEnd) {
                    throw new IllegalStateException("could not read to the topics' end in " + SWITCH_READ_LIMIT);
                }
                List<ConsumerRecord<String, String>> applied = appliedByLive(within(consumer, consumer.poll(POLL), end),
                        committed);
                if (!applied.isEmpty()) {
                    skipped += target.apply(generation, applied);
                    done += applied.size();
                }
            }
            if (!unrelayed.isEmpty()) {
                skipped += target.apply(generation, unrelayed);
                done += unrelayed.size();
            }
            target.switchOver(generation);
            replays.completed(id, done, skipped);
            log.info("Replay {} switched {} to a new generation: {} events, {} skipped, {} read with the served tables "
                            + "locked, switched {} ms after the lock (plus the commit)", id, target.projection(), done,
                    skipped, done - mark, (System.nanoTime() - locked) / 1_000_000);
            return state;
        } catch (RuntimeException e) {
            // the transaction rolls back: read the rest again on the next attempt
            done = mark;
            positions.forEach(consumer::seek);
            throw e;
        }
    }

    /** Of records past the live group's committed offsets, those the live path has applied (their ids recorded). */
    private List<ConsumerRecord<String, String>> appliedByLive(List<ConsumerRecord<String, String>> records,
                                                              Map<TopicPartition, Long> committed) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            String eventId = pastCommitted(record, committed) ? eventId(record.value()) : null;
            ids.add(eventId);
        }
        String[] unsure = ids.stream().filter(java.util.Objects::nonNull).toArray(String[]::new);
        Set<String> applied = unsure.length == 0 ? new HashSet<>() : new HashSet<>(jdbc.queryForList(
                "SELECT event_id FROM processed_event WHERE event_id = ANY (?)", String.class, (Object) unsure));
        if (unsure.length > 0) {
            // types the live path applies idempotently leave no processed_event row: the target looks at their effect
            applied.addAll(target.appliedWithoutRecord(
                    records.stream().filter(record -> pastCommitted(record, committed)).toList()));
        }
        List<ConsumerRecord<String, String>> kept = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!pastCommitted(records.get(i), committed) || applied.contains(ids.get(i))) {
                kept.add(records.get(i));
            }
        }
        return kept;
    }

    private static boolean pastCommitted(ConsumerRecord<String, String> record, Map<TopicPartition, Long> committed) {
        return record.offset() >= committed.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L);
    }

    /** The records of a poll below {@code until}; the consumer is moved back to the first one left out. */
    private static List<ConsumerRecord<String, String>> within(KafkaConsumer<String, String> consumer,
                                                               Iterable<ConsumerRecord<String, String>> polled,
                                                               Map<TopicPartition, Long> until) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Map<TopicPartition, Long> leftOut = new HashMap<>();
        for (ConsumerRecord<String, String> record : polled) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < until.getOrDefault(partition, 0L)) {
                records.add(record);
            } else {
                leftOut.merge(partition, record.offset(), Math::min);
            }
        }
        leftOut.forEach(consumer::seek);
        return records;
    }

    private static Set<TopicPartition> reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> until) {
        Set<TopicPartition> reached = new HashSet<>();
        until.forEach((partition, offset) -> {
            if (consumer.position(partition) >= offset) {
                reached.add(partition);
            }
        });
        return reached;
    }

    /** How far a catch-up reads: the live group's committed offsets, and the end of the own topics. */
    private Map<TopicPartition, Long> limits(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> limits = committed(partitions);
        List<TopicPartition> own = own(partitions);
        if (!own.isEmpty()) {
            limits.putAll(consumer.endOffsets(own));
        }
        return limits;
    }

    private List<TopicPartition> own(List<TopicPartition> partitions) {
        return partitions.stream().filter(p -> target.ownTopics().contains(p.topic())).toList();
    }

    /** Where the live consumer group has committed, per partition (0 where it has not). */
    private Map<TopicPartition, Long> committed(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        partitions.forEach(p -> committed.put(p, 0L));
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(target.liveConsumerGroup())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            offsets.forEach((partition, offset) -> {
                if (offset != null && committed.containsKey(partition)) {
                    committed.put(partition, offset.offset());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the live consumer's offsets", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the live consumer's offsets", e);
        }
        return committed;
    }

    private static String eventId(String value) {
        try {
            JsonNode id = value == null ? null : JSON.readTree(value).get("id");
            return id == null || !id.isTextual() ? null : id.asText();
        } catch (Exception e) {
            return null;
        }
    }

    private <T> T inRebuild(Supplier<T> work) {
        return transaction.execute(status -> {
            Rebuilding.mark();
            return work.get();
        });
    }

    private void inRebuildRun(Runnable work) {
        transaction.executeWithoutResult(status -> {
            Rebuilding.mark();
            work.run();
        });
    }

    private void stopped(String state) {
        log.info("Replay {} of {} stopped: {}", id, target.projection(), state);
        if (state.equals(ReplayStates.CANCELLED)) {
            discardQuietly();
        }
    }

    private void discardQuietly() {
        try {
            inRebuildRun(() -> target.discard(generation));
        } catch (RuntimeException e) {
            log.warn("Replay {}: could not drop the next generation: {}", id, e.toString());
        }
    }
}
