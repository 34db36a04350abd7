package dev.helpdesk.tickets.ticket.query;

import dev.helpdesk.edge.paging.SignedCursors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Writes and reads the cursors of the ticket list. A cursor names where the next page starts (the last row's sort key
 * and id, and the page's number) and the list it belongs to ({@link TicketSearch#fingerprint}); it is signed with the
 * key in {@code search_cursor_key} (made by the migration, shared by every instance), so a client can neither forge
 * nor alter one, nor carry one over to another query.
 */
@Component
class TicketCursors {

    private static final String VERSION = "1";

    private final JdbcTemplate jdbc;
    private volatile SignedCursors signed;

    TicketCursors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a page starts: after the row with sort key {@code key} (null: no SLA due time) and id {@code id}. */
    record Position(int page, Instant key, String id) {
    }

    String write(String fingerprint, Position position) {
        return signed().sign(String.join("|", VERSION, fingerprint, Integer.toString(position.page()),
                position.key() == null ? "-" : position.key().toString(), position.id()));
    }

    /** The position a cursor names, when it was made for the list of {@code fingerprint}; else a 400 problem. */
    Position read(String cursor, String fingerprint) {
        String[] parts = signed().verify(cursor).split("\\|", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !fingerprint.equals(parts[1])) {
            throw SignedCursors.invalid();
        }
        try {
            return new Position(Integer.parseInt(parts[2]), "-".equals(parts[3]) ? null : Instant.parse(parts[3]), parts[4]);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw SignedCursors.invalid();
        }
    }

    private SignedCursors signed() {
        SignedCursors current = signed;
        if (current == null) {
            String secret = jdbc.queryForObject("SELECT secret FROM search_cursor_key WHERE id = 1", String.class);
            current = new SignedCursors(secret.getBytes(StandardCharsets.UTF_8));
            signed = current;
        }
        return current;
    }
}
