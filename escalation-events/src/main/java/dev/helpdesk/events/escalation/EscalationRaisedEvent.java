package dev.helpdesk.events.escalation;

import java.time.Instant;

/**
 * {@code helpdesk.escalation.raised.v1}: a ticket reached an escalation level (1 to 3). {@code trigger} is
 * {@code SLA_BREACH}, {@code SLA_WARNING}, {@code CUSTOMER_REQUEST} or {@code ACKNOWLEDGEMENT_TIMEOUT}.
 */
public record EscalationRaisedEvent(
        String escalationId,
        String ticketId,
        String organizationId,
        int level,
        String levelName,
        String trigger,
        Instant raisedAt,
        Instant acknowledgeBy) {
}
