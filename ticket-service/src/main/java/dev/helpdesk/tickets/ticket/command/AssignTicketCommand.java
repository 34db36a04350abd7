package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

public record AssignTicketCommand(
        @TargetAggregateIdentifier String ticketId,
        String assignee,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
