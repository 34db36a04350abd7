package dev.helpdesk.events.organization;

import dev.helpdesk.events.RateKind;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An agent logged work done for an organisation outside any ticket (a booked call, a workshop), charged to its
 * budget like a ticket's time entry. {@code startedAt} is when the work began (so out-of-hours work can be told
 * apart on the organisation's calendar); {@code workDate} is its date in the organisation's time zone.
 */
public record OrganizationTimeEntryLoggedEvent(
        String organizationId,
        String entryId,
        String agentId,
        String activity,
        int minutes,
        RateKind rate,
        LocalDate workDate,
        Instant startedAt,
        String note,
        Instant loggedAt) {
}
