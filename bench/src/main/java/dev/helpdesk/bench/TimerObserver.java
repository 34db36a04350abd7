package dev.helpdesk.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches warnings fire, from outside the service: when each outbox row of a warning became visible (committed)
 * in PostgreSQL, polled back to back, and when its record arrived on {@code helpdesk.sla.v1}. A poll answers the
 * rows committed before it started, so its start time is an upper bound of their commit time (a few ms late).
 */
final class TimerObserver implements AutoCloseable {

    /** First-seen times per ticket id; more than one entry for a ticket is a duplicate firing. */
    final Map<String, List<Instant>> committed = new ConcurrentHashMap<>();
    final Map<String, List<Instant>> published = new ConcurrentHashMap<>();
    /** Distinct event ids seen on Kafka per ticket (a relay re-send repeats an id; a double firing does not). */
    final Map<String, java.util.Set<String>> publishedIds = new ConcurrentHashMap<>();

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread database;
    private final Thread kafka;

    TimerObserver(String jdbcUrl, String bootstrap, String topic) throws Exception {
        Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        long after;
        try (ResultSet row = connection.createStatement().executeQuery("SELECT coalesce(max(id), 0) FROM outbox")) {
            row.next();
            after = row.getLong(1);
        }
        database = new Thread(() -> pollOutbox(connection, after), "timer-outbox-watch");
        KafkaConsumer<String, String> consumer = consumer(bootstrap);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything fires
        kafka = new Thread(() -> pollKafka(consumer), "timer-kafka-watch");
        database.start();
        kafka.start();
    }

    private void pollOutbox(Connection connection, long after) {
        long last = after;
        try (connection; PreparedStatement query = connection.prepareStatement(
                "SELECT id, record_key FROM outbox WHERE id > ? AND event_type = '" + TimerSeed.WARNING + "' ORDER BY id")) {
            while (running.get()) {
                Instant polled = Instant.now();
                query.setLong(1, last);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        last = rows.getLong(1);
                        committed.computeIfAbsent(rows.getString(2), key -> new ArrayList<>()).add(polled);
                    }
                }
                Thread.sleep(2);
            }
        } catch (Exception e) {
            if (running.get()) {
                throw new IllegalStateException("outbox watch failed", e);
            }
        }
    }

    private void pollKafka(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(50));
                Instant received = Instant.now();
                for (ConsumerRecord<String, String> record : records) {
                    if (record.value().contains("\"" + TimerSeed.WARNING + "\"")) {
                        published.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(received);
                        String id = record.value().replaceFirst("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                        publishedIds.computeIfAbsent(record.key(), key -> ConcurrentHashMap.newKeySet()).add(id);
                    }
                }
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    /** Waits until every ticket was seen both committed and on Kafka, or the timeout passed; answers whether all were. */
    boolean awaitAll(List<String> tickets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (committed.keySet().containsAll(tickets) && published.keySet().containsAll(tickets)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        database.join(5_000);
        kafka.join(5_000);
    }
}
