package dev.helpdesk.escalations.escalation;

import dev.helpdesk.escalations.domain.EscalationState;
import dev.helpdesk.escalations.domain.Trigger;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One escalation level reached by a ticket, as stored and as the API shows it. {@code assignee} is the
 * organisation's named support manager on DEDICATED level 1, otherwise null. {@code version} counts its changes
 * (its ETag). {@code acknowledgeBy} counts on the organisation's published calendar and moves when it changes while
 * the level is open (docs/escalation-calendars.md).
 */
public record Escalation(
        UUID id,
        String ticketId,
        String organizationId,
        int level,
        String levelName,
        @Schema(description = "Who the level is assigned to by name: on DEDICATED level 1 the organisation's support "
                + "manager in force when it was raised, or, while it is OPEN, the one a terms change in force since "
                + "named (the version goes up); null on the other levels", nullable = true)
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
        long version,
        @Schema(description = "The customer's relationship manager informed of this level (levels that inform them, "
                + "from level 2 on the default ladders), as recorded when it was raised; null below level 2 or when "
                + "the organisation has none", nullable = true)
        String relationshipManager,
        @Schema(description = "The level's acknowledgement time (ISO-8601 duration of business time on the "
                + "organisation's calendar), from the ladder it was raised under", example = "PT2H", nullable = true)
        Duration acknowledgeWithin) {
}
