package dev.helpdesk.tickets.ticket.query;

/** List filters besides the organisation (a {@link dev.helpdesk.edge.caller.TenantScope}); null means any. */
public record TicketFilter(String status, String severity, String type, String assignee) {
}
