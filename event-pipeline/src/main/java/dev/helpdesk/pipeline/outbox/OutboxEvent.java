package dev.helpdesk.pipeline.outbox;

import dev.helpdesk.pipeline.tracing.TraceHeaders;

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
 * @param trace         the trace context of the work that caused the event, or null (then the span current when it
 *                      is written, if any)
 */
public record OutboxEvent(String topic, String streamKey, String aggregateType, String type, Instant time, String actor,
                          String correlationId, Object data, TraceHeaders trace) {

    /** An event whose trace context is the span current when it is written, if any. */
    public OutboxEvent(String topic, String streamKey, String aggregateType, String type, Instant time, String actor,
                       String correlationId, Object data) {
        this(topic, streamKey, aggregateType, type, time, actor, correlationId, data, null);
    }

    public OutboxEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** The same event caused by the traced work {@code context} (null: the span current when it is written). */
    public OutboxEvent withTrace(TraceHeaders context) {
        return new OutboxEvent(topic, streamKey, aggregateType, type, time, actor, correlationId, data, context);
    }
}
