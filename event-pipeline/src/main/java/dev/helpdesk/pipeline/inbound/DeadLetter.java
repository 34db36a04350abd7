package dev.helpdesk.pipeline.inbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record set aside: where it was read, what it held, and why it can never be applied. */
public record DeadLetter(String topic, int partition, long offset, String key, String value, String eventId,
                         String eventType, String reason, int attempts) {

    public static DeadLetter of(ConsumerRecord<String, String> record, String eventId, String eventType, String reason,
                                int attempts) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(), eventId,
                eventType, reason, attempts);
    }

    public static DeadLetter of(InboundEvent event, String key, String value, String reason, int attempts) {
        return new DeadLetter(event.topic(), event.partition(), event.offset(), key, value, event.id(), event.type(),
                reason, attempts);
    }
}
