package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

public record ChangeStatusCommand(
        @TargetAggregateIdentifier String ticketId,
        TicketStatus status,
        String reason,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion,
        String resolution) {

    /** A move that is not to RESOLVED carries no resolution summary. */
    public ChangeStatusCommand(String ticketId, TicketStatus status, String reason, Actor actor, Instant at,
                               Long expectedVersion) {
        this(ticketId, status, reason, actor, at, expectedVersion, null);
    }
}
