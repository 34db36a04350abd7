package dev.helpdesk.events.ticket;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.TicketStatus;

import java.time.Instant;

/**
 * A ticket moved from one status to another. {@code automatic} is true when the move followed from another
 * action (an agent's first public reply, an assignment, a contact's reply while waiting). {@code resolution} is the
 * summary shown to the contact, required on a move to RESOLVED (null otherwise, and in events stored before it).
 */
public record TicketStatusChangedEvent(
        String ticketId,
        TicketStatus from,
        TicketStatus to,
        String reason,
        String changedBy,
        ActorKind changedByKind,
        boolean automatic,
        Instant changedAt,
        String resolution) {

    /** The shape before the resolution summary. */
    public TicketStatusChangedEvent(String ticketId, TicketStatus from, TicketStatus to, String reason,
                                    String changedBy, ActorKind changedByKind, boolean automatic, Instant changedAt) {
        this(ticketId, from, to, reason, changedBy, changedByKind, automatic, changedAt, null);
    }
}
