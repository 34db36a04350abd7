package dev.helpdesk.events.sla;

import dev.helpdesk.events.Severity;

import java.time.Instant;

/** {@code helpdesk.sla.breached.v1}: the target ran out; the clock counts as breached from {@code breachedAt}. */
public record SlaBreachedEvent(
        String ticketId,
        String organizationId,
        SlaMetric metric,
        Severity severity,
        Instant dueAt,
        Instant breachedAt) {
}
