package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads what the service published on its escalations topic, as the ticket-service would. */
final class PublishedEscalations implements AutoCloseable {

    /** One record: its key, its headers of interest, and its value. */
    record Published(String key, String contentType, JsonNode value) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper objectMapper;
    private final List<Published> seen = new ArrayList<>();

    PublishedEscalations(String bootstrapServers, ObjectMapper objectMapper, String topic) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        this.consumer.subscribe(List.of(topic));
        this.objectMapper = objectMapper;
    }

    /** Everything published so far (polls for new records first). */
    synchronized List<Published> all() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
            try {
                var contentType = record.headers().lastHeader("content-type");
                seen.add(new Published(record.key(), contentType == null ? null : new String(contentType.value()),
                        objectMapper.readTree(record.value())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(seen);
    }

    List<JsonNode> ofTicket(String ticketId, String type) {
        return all().stream()
                .filter(p -> ticketId.equals(p.key()) && type.equals(p.value().path("type").asText()))
                .map(Published::value)
                .toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
