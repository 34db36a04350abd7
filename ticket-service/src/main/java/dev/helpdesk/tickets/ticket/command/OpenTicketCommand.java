package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.events.Channel;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.tickets.domain.Actor;

import java.time.Instant;

/** Opens a ticket for an organisation; the key is drawn by the aggregate from {@link TicketKeys}. */
public record OpenTicketCommand(
        String ticketId,
        String organizationId,
        TicketType type,
        Severity severity,
        String title,
        String description,
        Channel channel,
        String courseId,
        String affectedUserEmail,
        String pageUrl,
        Actor actor,
        Instant at) {
}
