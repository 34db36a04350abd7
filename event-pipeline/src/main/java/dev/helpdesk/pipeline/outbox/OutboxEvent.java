package dev.helpdesk.pipeline.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One event to publish: its topic, the stream it belongs to (the Kafka key, the envelope's subject, the unit of
 * order), its versioned type and its data record. The outbox gives it an event id and its position in the stream.
 *
 * @param topic         the topic to publish to
 * @param streamKey     the aggregate id (ticket, organisation, escalation) whose order must be kept
 * @param aggregateType the kind of stream, e.g. {@code SlaClock}
 * @param type          the versioned event type, e.g. {@code helpdesk.sla.breached.v1}
 * @param time          when it happened
 * @param actor         the user who caused it, or {@code system}
 * @param correlationId the causing request's correlation id, or null (then the current one in the logging context)
 * @param data          the event record
 */
public record OutboxEvent(String topic, String streamKey, String aggregateType, String type, Instant time, String actor,
                          String correlationId, Object data) {

    public OutboxEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }
}
