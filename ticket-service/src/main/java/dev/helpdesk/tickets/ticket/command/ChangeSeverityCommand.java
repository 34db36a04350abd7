package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.events.Severity;
import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

public record ChangeSeverityCommand(
        @TargetAggregateIdentifier String ticketId,
        Severity severity,
        String justification,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
