package dev.helpdesk.tickets.ticket.query;

/** List filters; null means any. */
public record TicketFilter(String organizationId, String status, String severity, String type, String assignee) {
}
