package dev.helpdesk.events.organization;

import dev.helpdesk.events.RateKind;

import java.time.Instant;
import java.time.LocalDate;

/** An organisation-level time entry was reversed; carries the reversed entry's figures, as for tickets. */
public record OrganizationTimeEntryReversedEvent(
        String organizationId,
        String entryId,
        String agentId,
        int minutes,
        RateKind rate,
        LocalDate workDate,
        String reason,
        String reversedBy,
        Instant reversedAt) {
}
