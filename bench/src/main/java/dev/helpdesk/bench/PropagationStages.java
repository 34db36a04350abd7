package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits the propagation lag of each sampled ticket into its stages, from timestamps the system itself recorded on
 * this machine's clock: the event's timestamp in the ticket store (set when the command ran, just before its commit),
 * the record's timestamp on {@code helpdesk.tickets.v1} (set by the publisher's producer when it sent it), the start
 * of the sla-service transaction that stored the clock (its outbox row's {@code created_at}), and the client's 201
 * and first successful poll. Measured, so that a missed goal names the slow stage rather than a guess.
 */
final class PropagationStages {

    private final Stack stack;

    PropagationStages(Stack stack) {
        this.stack = stack;
    }

    /** {@code clientTimes}: ticket id to {201 received, clock first visible}. */
    String table(Map<String, Instant[]> clientTimes) throws Exception {
        Map<String, Instant> stored = firstTimes("tickets",
                "select aggregate_identifier, time_stamp from domain_event_entry where aggregate_identifier = ? and sequence_number = 0",
                clientTimes.keySet(), Instant::parse);
        Map<String, Instant> slaStored = firstTimes("sla",
                "select record_key, (extract(epoch from min(created_at)) * 1000000)::bigint::text from outbox "
                        + "where record_key = ? group by record_key",
                clientTimes.keySet(), micros -> Instant.EPOCH.plus(Long.parseLong(micros), java.time.temporal.ChronoUnit.MICROS));
        Map<String, Instant> published = publishedTimes(clientTimes.keySet());
        List<double[]> rows = new ArrayList<>(); // per ticket: stored->published, published->sla stored, sla stored->visible, stored->201
        for (var entry : clientTimes.entrySet()) {
            String ticket = entry.getKey();
            if (stored.containsKey(ticket) && published.containsKey(ticket) && slaStored.containsKey(ticket)) {
                rows.add(new double[] {
                        millis(stored.get(ticket), published.get(ticket)),
                        millis(published.get(ticket), slaStored.get(ticket)),
                        millis(slaStored.get(ticket), entry.getValue()[1]),
                        millis(stored.get(ticket), entry.getValue()[0]),
                        millis(stored.get(ticket), entry.getValue()[1])});
            }
        }
        String[] names = {
                "ticket event stored -> record sent to Kafka (ticket-service publisher)",
                "record sent -> sla-service transaction storing the clock begins (Kafka + consumer)",
                "sla-service stores the clock -> client sees it (commit, poll through the gateway)",
                "ticket event stored -> client receives its 201 (read-your-writes wait, answer)",
                "ticket event stored -> client sees the clock (end to end)"};
        StringBuilder table = new StringBuilder("Stages, from the timestamps each step recorded (" + rows.size() + " of "
                + clientTimes.size() + " samples with every timestamp found):\n\n| stage | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n");
        for (int stage = 0; stage < names.length; stage++) {
            int index = stage;
            double[] values = rows.stream().mapToDouble(r -> r[index]).sorted().toArray();
            table.append("| ").append(names[stage]).append(" | ").append(Bench.f(percentile(values, 50))).append(" | ")
                    .append(Bench.f(percentile(values, 99))).append(" | ")
                    .append(Bench.f(values.length == 0 ? Double.NaN : values[values.length - 1])).append(" |\n");
        }
        return table.toString();
    }

    private Map<String, Instant> firstTimes(String database, String sql, Iterable<String> tickets,
                                            Function<String, Instant> parse) throws Exception {
        Map<String, Instant> times = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(database), "postgres", "postgres");
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (String ticket : tickets) {
                query.setString(1, ticket);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        times.put(ticket, parse.apply(rows.getString(2)));
                    }
                }
            }
        }
        return times;
    }

    /** The timestamp of the first record of each ticket on the ticket topic (its TicketOpened). */
    private Map<String, Instant> publishedTimes(java.util.Set<String> tickets) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + stack.config().kafkaPort(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Instant> times = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("helpdesk.tickets.v1").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (tickets.contains(record.key())) {
                        times.putIfAbsent(record.key(), Instant.ofEpochMilli(record.timestamp()));
                    }
                }
            }
        }
        return times;
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double percentile(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }
}
