package dev.helpdesk.escalations.outbox;

import java.time.Instant;

/** {@code helpdesk.escalation.raised.v1}: a ticket reached an escalation level. */
public record EscalationRaisedEvent(
        String escalationId,
        String ticketId,
        String organizationId,
        int level,
        String levelName,
        String trigger,
        Instant raisedAt,
        Instant acknowledgeBy) {

    public static final String TYPE = "helpdesk.escalation.raised.v1";
}
