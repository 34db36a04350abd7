package dev.helpdesk.events.sla;

import dev.helpdesk.events.Severity;

import java.time.Instant;

/** {@code helpdesk.sla.met.v1}: the clock stopped in time, at {@code metAt}. */
public record SlaMetEvent(
        String ticketId,
        String organizationId,
        SlaMetric metric,
        Severity severity,
        Instant dueAt,
        Instant metAt) {
}
