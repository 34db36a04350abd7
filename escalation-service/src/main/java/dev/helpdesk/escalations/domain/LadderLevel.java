package dev.helpdesk.escalations.domain;

import java.time.Duration;

/**
 * One rung of a ladder: who is escalated to, how long (business time on the organisation's calendar) they have to
 * acknowledge, and whether the customer's relationship manager is informed.
 */
public record LadderLevel(int level, String name, Duration acknowledgeWithin, boolean informsRelationshipManager) {
}
