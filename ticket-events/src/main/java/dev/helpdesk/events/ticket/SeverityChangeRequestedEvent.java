package dev.helpdesk.events.ticket;

import dev.helpdesk.events.Severity;

import java.time.Instant;

/**
 * A contact asked support to change a ticket's severity. Nothing changes until support decides: an accepted request
 * is followed by a {@link SeverityChangedEvent} on the same stream.
 */
public record SeverityChangeRequestedEvent(
        String ticketId,
        String requestId,
        Severity from,
        Severity requested,
        String reason,
        String requestedBy,
        Instant requestedAt) {
}
