package dev.helpdesk.events.ticket;

import dev.helpdesk.events.Severity;

import java.time.Instant;

/** A ticket's severity changed; {@code reason} is the justification of an upgrade or the reason of a downgrade. */
public record SeverityChangedEvent(
        String ticketId,
        Severity from,
        Severity to,
        String reason,
        String changedBy,
        Instant changedAt) {

    public boolean isUpgrade() {
        return from.isUpgradeTo(to);
    }
}
