package dev.helpdesk.tickets.ticket.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records on the ticket that the escalation service raised it to a level (from helpdesk.escalations.v1). */
public record RecordEscalationLevelCommand(
        @TargetAggregateIdentifier String ticketId,
        String escalationId,
        int level,
        String trigger,
        Instant raisedAt) {
}
