package dev.helpdesk.events.ticket;

import dev.helpdesk.events.ActorKind;

import java.time.Instant;

/** A resolved ticket was reopened; its status is {@code IN_PROGRESS} again. */
public record TicketReopenedEvent(String ticketId, String reason, String reopenedBy, ActorKind reopenedByKind, Instant reopenedAt) {
}
