package dev.helpdesk.events.sla;

import java.time.Instant;

/**
 * {@code helpdesk.sla.clock-exempted.v1}: support exempted a ticket's clock with a reason; it stops counting, fires
 * no further warning or breach and is excluded from compliance figures (listed separately).
 */
public record SlaClockExemptedEvent(
        String ticketId,
        String organizationId,
        SlaMetric metric,
        SlaExemptionReason reason,
        String note,
        String exemptedBy,
        Instant exemptedAt) {
}
