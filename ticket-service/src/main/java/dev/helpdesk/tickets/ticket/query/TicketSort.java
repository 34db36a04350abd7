package dev.helpdesk.tickets.ticket.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The orders a ticket list can be read in ({@code ?sort=}); each breaks ties by ticket id. */
public enum TicketSort {

    /** Nearest due time of a running SLA clock first; tickets without a running clock last. */
    SLA,
    /** Newest opened first (the order of the list before sorting was offered, and still the default). */
    CREATED,
    /** Most recently changed first (as the reader sees the ticket: contacts by the last change they can see). */
    UPDATED;

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The sort named by a request parameter ({@code sla}, {@code created}, {@code updated}). */
    public static Optional<TicketSort> ofParameter(String value) {
        return Arrays.stream(values()).filter(sort -> sort.parameter().equals(value)).findFirst();
    }
}
