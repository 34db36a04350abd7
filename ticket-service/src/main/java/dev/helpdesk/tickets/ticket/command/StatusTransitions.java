package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.events.TicketStatus;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.helpdesk.events.TicketStatus.CLOSED;
import static dev.helpdesk.events.TicketStatus.IN_PROGRESS;
import static dev.helpdesk.events.TicketStatus.NEW;
import static dev.helpdesk.events.TicketStatus.RESOLVED;
import static dev.helpdesk.events.TicketStatus.WAITING_ON_CUSTOMER;

/** The status moves of DOMAIN.md; anything else is refused. RESOLVED to IN_PROGRESS is a reopen. */
public final class StatusTransitions {

    private static final Map<TicketStatus, Set<TicketStatus>> ALLOWED = Map.of(
            NEW, EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED),
            IN_PROGRESS, EnumSet.of(WAITING_ON_CUSTOMER, RESOLVED),
            WAITING_ON_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED),
            RESOLVED, EnumSet.of(IN_PROGRESS, CLOSED),
            CLOSED, EnumSet.noneOf(TicketStatus.class));

    private StatusTransitions() {
    }

    public static boolean isAllowed(TicketStatus from, TicketStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Moves a contact may make on their own ticket (besides reopening). */
    public static boolean isAllowedForContact(TicketStatus from, TicketStatus to) {
        return from == RESOLVED && to == CLOSED;
    }
}
