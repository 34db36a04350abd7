package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.events.Severity;
import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** A contact asks support for another severity, with the reason. */
public record RequestSeverityChangeCommand(
        @TargetAggregateIdentifier String ticketId,
        String requestId,
        Severity severity,
        String reason,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
