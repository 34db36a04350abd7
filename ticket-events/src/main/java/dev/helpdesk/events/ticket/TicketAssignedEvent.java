package dev.helpdesk.events.ticket;

import java.time.Instant;

/** A ticket was assigned to a support engineer. */
public record TicketAssignedEvent(String ticketId, String assignee, String assignedBy, Instant assignedAt) {
}
