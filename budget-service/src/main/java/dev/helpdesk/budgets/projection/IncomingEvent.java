package dev.helpdesk.budgets.projection;

import java.time.Instant;

/** A ticket-service event the budget projection applies: envelope facts and its typed, validated data. */
public record IncomingEvent(String id, String type, Instant time, String correlationId, Object data) {
}
