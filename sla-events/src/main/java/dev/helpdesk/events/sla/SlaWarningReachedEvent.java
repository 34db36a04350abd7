package dev.helpdesk.events.sla;

import dev.helpdesk.events.Severity;

import java.time.Instant;

/** {@code helpdesk.sla.warning-reached.v1}: a running clock used {@code thresholdPercent} of its target at {@code at}. */
public record SlaWarningReachedEvent(
        String ticketId,
        String organizationId,
        SlaMetric metric,
        Severity severity,
        int thresholdPercent,
        Instant dueAt,
        Instant at) {
}
