package dev.helpdesk.tickets.ticket.adapter;

import dev.helpdesk.tickets.ticket.command.TicketKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Ticket keys from the database sequence {@code ticket_key_seq}: unique across instances, never reused. */
@Component
class SequenceTicketKeys implements TicketKeys {

    private final JdbcTemplate jdbc;

    SequenceTicketKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String next() {
        return "HD-" + jdbc.queryForObject("SELECT nextval('ticket_key_seq')", Long.class);
    }
}
