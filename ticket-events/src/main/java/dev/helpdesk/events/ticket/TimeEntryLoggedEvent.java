package dev.helpdesk.events.ticket;

import dev.helpdesk.events.RateKind;

import java.time.Instant;
import java.time.LocalDate;

/** An agent logged work on a ticket, to be charged at the given rate. */
public record TimeEntryLoggedEvent(
        String ticketId,
        String organizationId,
        String entryId,
        String agentId,
        int minutes,
        RateKind rate,
        LocalDate workDate,
        String note,
        Instant loggedAt) {
}
