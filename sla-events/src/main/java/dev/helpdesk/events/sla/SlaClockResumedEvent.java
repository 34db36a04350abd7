package dev.helpdesk.events.sla;

import dev.helpdesk.events.Severity;

import java.time.Instant;

/** {@code helpdesk.sla.clock-resumed.v1}: a paused clock counts again from {@code at}, now due at {@code dueAt}. */
public record SlaClockResumedEvent(
        String ticketId,
        String organizationId,
        SlaMetric metric,
        Severity severity,
        Instant at,
        Instant dueAt) {
}
