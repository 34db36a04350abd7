package dev.helpdesk.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A record value read as an {@link EventEnvelope}, before its {@code data} is bound to a record: every consumer of a
 * helpdesk topic reads the envelope this one way ({@link ReceivedEvents#read}), then binds {@code data} by type.
 *
 * @param id            the event id (consumers de-duplicate on it)
 * @param type          the versioned event type
 * @param subject       the aggregate id, or null when the producer gave none
 * @param time          when it happened, or null when the producer gave none
 * @param sequence      position in the aggregate's stream, or null
 * @param actor         who caused it, or null
 * @param correlationId the request's correlation id, or null
 * @param data          the data object (never null: an envelope without data is refused)
 * @param traceparent   the CloudEvents distributed-tracing extension's W3C {@code traceparent}, or null when absent
 *                      or not well formed
 * @param tracestate    its {@code tracestate}, or null
 */
public record ReceivedEvent(String id, String type, String subject, Instant time, Long sequence, String actor,
                            String correlationId, JsonNode data, String traceparent, String tracestate) {

    /** An event read without trace context. */
    public ReceivedEvent(String id, String type, String subject, Instant time, Long sequence, String actor,
                         String correlationId, JsonNode data) {
        this(id, type, subject, time, sequence, actor, correlationId, data, null, null);
    }
}
