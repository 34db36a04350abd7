package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Support accepts or declines a contact's open severity request; the reason is shown to the contact. */
public record DecideSeverityChangeRequestCommand(
        @TargetAggregateIdentifier String ticketId,
        String requestId,
        boolean accept,
        String reason,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
