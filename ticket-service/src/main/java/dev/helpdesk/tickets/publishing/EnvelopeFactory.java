package dev.helpdesk.tickets.publishing;

import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import dev.helpdesk.tickets.config.AxonConfig;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.Optional;

/** Wraps a stored Axon event in the published CloudEvents envelope; the ids come from the store, never new. */
final class EnvelopeFactory {

    static final String SOURCE = "/ticket-service";

    private EnvelopeFactory() {
    }

    /** Empty for an event that is not part of the published language. */
    static Optional<EventEnvelope<Object>> envelope(DomainEventMessage<?> event) {
        return EventTypes.typeOf(event.getPayloadType()).map(type -> new EventEnvelope<>(
                EventEnvelope.SPEC_VERSION,
                event.getIdentifier(),
                type,
                SOURCE,
                event.getAggregateIdentifier(),
                event.getTimestamp(),
                EventEnvelope.DATA_CONTENT_TYPE,
                event.getType(),
                event.getSequenceNumber(),
                position(event),
                metaData(event, AxonConfig.ACTOR, "system"),
                metaData(event, AxonConfig.CORRELATION_ID, null),
                event.getPayload(),
                trace(event).map(TraceHeaders::traceparent).orElse(null),
                trace(event).map(TraceHeaders::tracestate).orElse(null)));
    }

    /** The trace context of the command that caused the event, if it was traced. */
    static Optional<TraceHeaders> trace(DomainEventMessage<?> event) {
        return Optional.ofNullable(TraceHeaders.of(metaData(event, AxonConfig.TRACEPARENT, null),
                metaData(event, AxonConfig.TRACESTATE, null)));
    }

    private static Long position(DomainEventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().stream().boxed().findFirst().orElse(null);
        }
        return null;
    }

    private static String metaData(DomainEventMessage<?> event, String key, String fallback) {
        Object value = event.getMetaData().get(key);
        return value == null ? fallback : value.toString();
    }
}
