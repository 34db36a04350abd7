package dev.helpdesk.events.ticket;

import java.time.Instant;

/** The escalation service raised the ticket to an escalation level; recorded so the ticket's history tells it. */
public record EscalationLevelRecordedEvent(
        String ticketId,
        String escalationId,
        int level,
        String trigger,
        Instant raisedAt) {
}
