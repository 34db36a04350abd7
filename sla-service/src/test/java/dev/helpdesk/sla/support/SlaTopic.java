package dev.helpdesk.sla.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads helpdesk.sla.v1 from the beginning, as any consumer would. */
public final class SlaTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public SlaTopic(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Everything received so far (polls once more). */
    public synchronized List<Received> poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
            try {
                var header = record.headers().lastHeader("content-type");
                received.add(new Received(record.key(), header == null ? null : new String(header.value()),
                        TicketEvents.JSON.readTree(record.value())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(received);
    }

    /** Events of one ticket with this type. */
    public List<JsonNode> of(String ticketId, String type) {
        return poll().stream().filter(r -> ticketId.equals(r.key()) && type.equals(r.value().path("type").asText()))
                .map(Received::value).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }

    public record Received(String key, String contentType, JsonNode value) {
    }
}
