package dev.helpdesk.events.escalation;

import java.time.Instant;

/**
 * {@code helpdesk.escalation.closed.v1}: an escalation level ended. {@code reason} is {@code TICKET_RESOLVED},
 * {@code TICKET_CLOSED}, or {@code SUPERSEDED} (a higher level was raised).
 */
public record EscalationClosedEvent(
        String escalationId,
        String ticketId,
        String organizationId,
        int level,
        String reason,
        Instant closedAt) {
}
