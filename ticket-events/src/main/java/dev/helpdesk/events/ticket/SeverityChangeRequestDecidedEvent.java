package dev.helpdesk.events.ticket;

import java.time.Instant;

/** Support accepted or declined a contact's severity request, with a reason the contact sees. */
public record SeverityChangeRequestDecidedEvent(
        String ticketId,
        String requestId,
        boolean accepted,
        String reason,
        String decidedBy,
        Instant decidedAt) {
}
