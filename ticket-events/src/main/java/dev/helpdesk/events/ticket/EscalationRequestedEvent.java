package dev.helpdesk.events.ticket;

import dev.helpdesk.events.ActorKind;

import java.time.Instant;

/** Someone asked for the ticket to be escalated, with a reason. It never changes the severity. */
public record EscalationRequestedEvent(
        String ticketId,
        String organizationId,
        String reason,
        String requestedBy,
        ActorKind requestedByKind,
        Instant requestedAt) {
}
