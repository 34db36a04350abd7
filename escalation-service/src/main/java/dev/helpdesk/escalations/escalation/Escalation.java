package dev.helpdesk.escalations.escalation;

import dev.helpdesk.escalations.domain.EscalationState;
import dev.helpdesk.escalations.domain.Trigger;

import java.time.Instant;
import java.util.UUID;

/**
 * One escalation level reached by a ticket, as stored and as the API shows it. {@code assignee} is the
 * organisation's named support manager on DEDICATED level 1, otherwise null. {@code version} counts its changes
 * (its ETag).
 */
public record Escalation(
        UUID id,
        String ticketId,
        String organizationId,
        int level,
        String levelName,
        String assignee,
        boolean informsRelationshipManager,
        Trigger trigger,
        EscalationState state,
        Instant raisedAt,
        Instant acknowledgeBy,
        Instant acknowledgedAt,
        String acknowledgedBy,
        String actionPlan,
        Instant closedAt,
        String closeReason,
        long version) {
}
