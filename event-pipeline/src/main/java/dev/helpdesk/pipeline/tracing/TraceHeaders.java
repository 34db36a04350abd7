package dev.helpdesk.pipeline.tracing;

import dev.helpdesk.events.ReceivedEvents;

/**
 * A W3C trace context in its header form: what travels in Kafka record headers, in the CloudEvents
 * distributed-tracing extension of an envelope, in an outbox row and in Axon event metadata.
 *
 * @param traceparent the W3C {@code traceparent}, well formed (never null)
 * @param tracestate  the W3C {@code tracestate}, or null
 */
public record TraceHeaders(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public TraceHeaders {
        if (ReceivedEvents.traceparent(traceparent) == null) {
            throw new IllegalArgumentException("not a W3C traceparent: " + traceparent);
        }
        tracestate = tracestate == null || tracestate.isBlank() ? null : tracestate;
    }

    /** The trace context of these values, or null when {@code traceparent} is absent or not well formed. */
    public static TraceHeaders of(String traceparent, String tracestate) {
        return ReceivedEvents.traceparent(traceparent) == null ? null : new TraceHeaders(traceparent, tracestate);
    }

    /** The trace id (32 hex digits). */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    /** The id of the span this context names as parent (16 hex digits). */
    public String spanId() {
        return traceparent.substring(36, 52);
    }
}
