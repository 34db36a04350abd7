package dev.helpdesk.events.escalation;

import java.time.Instant;

/**
 * {@code helpdesk.escalation.raised.v1}: a ticket reached an escalation level (1 to 3). {@code trigger} is
 * {@code SLA_BREACH}, {@code SLA_WARNING}, {@code CUSTOMER_REQUEST} or {@code ACKNOWLEDGEMENT_TIMEOUT}.
 * {@code relationshipManager} names the customer's relationship manager informed of the level (from level 2, as the
 * contract says); null below level 2, when the organisation has none, and in events published before it existed.
 */
public record EscalationRaisedEvent(
        String escalationId,
        String ticketId,
        String organizationId,
        int level,
        String levelName,
        String trigger,
        Instant raisedAt,
        Instant acknowledgeBy,
        String relationshipManager) {

    /** The shape before the relationship manager was named (no one informed). */
    public EscalationRaisedEvent(String escalationId, String ticketId, String organizationId, int level,
                                 String levelName, String trigger, Instant raisedAt, Instant acknowledgeBy) {
        this(escalationId, ticketId, organizationId, level, levelName, trigger, raisedAt, acknowledgeBy, null);
    }
}
