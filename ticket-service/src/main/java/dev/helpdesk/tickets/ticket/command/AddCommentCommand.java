package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.events.Visibility;
import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

public record AddCommentCommand(
        @TargetAggregateIdentifier String ticketId,
        String commentId,
        String body,
        Visibility visibility,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
