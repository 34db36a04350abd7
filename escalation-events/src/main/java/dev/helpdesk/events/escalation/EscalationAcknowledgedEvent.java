package dev.helpdesk.events.escalation;

import java.time.Instant;

/** {@code helpdesk.escalation.acknowledged.v1}: a manager took an escalation level on, with an action plan. */
public record EscalationAcknowledgedEvent(
        String escalationId,
        String ticketId,
        String organizationId,
        int level,
        String acknowledgedBy,
        String actionPlan,
        Instant acknowledgedAt) {
}
