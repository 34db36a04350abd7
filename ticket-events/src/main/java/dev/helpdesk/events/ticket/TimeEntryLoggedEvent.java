package dev.helpdesk.events.ticket;

import dev.helpdesk.events.RateKind;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An agent logged work on a ticket, to be charged at the given rate. {@code startedAt} is when the work began, so
 * that out-of-hours work can be told apart on the organisation's calendar (null in entries logged before it).
 */
public record TimeEntryLoggedEvent(
        String ticketId,
        String organizationId,
        String entryId,
        String agentId,
        int minutes,
        RateKind rate,
        LocalDate workDate,
        String note,
        Instant loggedAt,
        Instant startedAt) {

    /** The shape before the start instant. */
    public TimeEntryLoggedEvent(String ticketId, String organizationId, String entryId, String agentId, int minutes,
                                RateKind rate, LocalDate workDate, String note, Instant loggedAt) {
        this(ticketId, organizationId, entryId, agentId, minutes, rate, workDate, note, loggedAt, null);
    }
}
