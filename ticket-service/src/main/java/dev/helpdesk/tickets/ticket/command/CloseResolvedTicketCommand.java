package dev.helpdesk.tickets.ticket.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Closes a ticket that stayed resolved without a contact's reply (auto-close, docs/auto-close.md), sent by the
 * auto-close timer. {@code resolvedAt} names the resolution the timer was set for: a ticket reopened or resolved again
 * since is left alone, so a late or repeated timer never closes a ticket early.
 */
public record CloseResolvedTicketCommand(
        @TargetAggregateIdentifier String ticketId,
        Instant resolvedAt,
        String reason,
        Instant at) {
}
