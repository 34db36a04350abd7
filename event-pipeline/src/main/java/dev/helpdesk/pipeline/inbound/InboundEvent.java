package dev.helpdesk.pipeline.inbound;

import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.pipeline.tracing.EventSpan;
import dev.helpdesk.pipeline.tracing.TraceHeaders;

/**
 * An event read from a topic that the consuming service acts on: its envelope, its data bound to the type's record,
 * where it was read, and the span of its application (current while {@link InboundBatch#forEach} hands it over).
 */
public record InboundEvent(ReceivedEvent envelope, Object data, String topic, int partition, long offset,
                           EventSpan span) {

    public InboundEvent {
        span = span == null ? EventSpan.NONE : span;
    }

    /** An event without a span (tracing off). */
    public InboundEvent(ReceivedEvent envelope, Object data, String topic, int partition, long offset) {
        this(envelope, data, topic, partition, offset, EventSpan.NONE);
    }

    public String id() {
        return envelope.id();
    }

    public String type() {
        return envelope.type();
    }

    /**
     * The trace context of this event's application, for what the handler writes about it outside
     * {@link InboundBatch#forEach} (an outbox row written after the loop); null without tracing.
     */
    public TraceHeaders trace() {
        return span.headers();
    }

    /** The same event with its data bound another way. */
    public InboundEvent withData(Object otherData) {
        return new InboundEvent(envelope, otherData, topic, partition, offset, span);
    }
}
