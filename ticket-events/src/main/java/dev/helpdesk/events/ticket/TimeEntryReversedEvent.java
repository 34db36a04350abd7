package dev.helpdesk.events.ticket;

import dev.helpdesk.events.RateKind;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A time entry was reversed (entries are never edited). Carries the reversed entry's figures so that a reader
 * can undo its charge without looking it up.
 */
public record TimeEntryReversedEvent(
        String ticketId,
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
