package dev.helpdesk.events.sla;

import dev.helpdesk.events.Severity;

import java.time.Instant;

/** {@code helpdesk.sla.clock-started.v1}: a clock started counting towards {@code dueAt}. */
public record SlaClockStartedEvent(
        String ticketId,
        String organizationId,
        SlaMetric metric,
        Severity severity,
        String policyId,
        Instant startedAt,
        Instant dueAt) {
}
