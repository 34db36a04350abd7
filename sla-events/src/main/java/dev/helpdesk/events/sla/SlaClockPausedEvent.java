package dev.helpdesk.events.sla;

import dev.helpdesk.events.Severity;

import java.time.Instant;

/** {@code helpdesk.sla.clock-paused.v1}: a clock stopped counting at {@code at}; {@code dueAt} as it stood. */
public record SlaClockPausedEvent(
        String ticketId,
        String organizationId,
        SlaMetric metric,
        Severity severity,
        Instant at,
        Instant dueAt) {
}
