package dev.helpdesk.tickets.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One event as read from the event store, in the documented history form. */
public record StoredEvent(
        long position,
        String eventId,
        String aggregateType,
        String aggregateId,
        long sequence,
        String type,
        Instant occurredAt,
        String actor,
        String correlationId,
        JsonNode data) {
}
