package dev.helpdesk.escalations.escalation;

import dev.helpdesk.escalations.domain.Trigger;
import dev.helpdesk.events.Severity;

/** An SLA breach or warning of a ticket; {@code thresholdPercent} is null for a breach. */
public record SlaTrigger(String ticketId, String organizationId, Trigger trigger, Severity severity, Integer thresholdPercent) {
}
