package dev.helpdesk.tickets.ticket.command;

/** Hands out human-readable ticket keys such as {@code HD-1042}, each once. */
public interface TicketKeys {
    String next();
}
