package dev.helpdesk.tickets.ticket.query;

import java.util.List;

/**
 * The tables of one generation of the ticket views: the served ones, or a next generation that a replay builds
 * beside them (named after the replay) and then renames into their place.
 */
record ViewTables(String view, String comment, String attachment) {

    static final ViewTables SERVED = new ViewTables("ticket_view", "ticket_comment", "ticket_attachment");
    /** The LIKE pattern of every next generation's tables. */
    static final String NEXT_PATTERN = "ticket\\_%\\_next\\_%";

    /** A next generation's tables: {@code ticket_view_next_<name>} and so on ({@code name}: letters and digits). */
    static ViewTables next(String name) {
        if (!name.matches("[a-z0-9]{1,32}")) {
            throw new IllegalArgumentException("not a generation name: " + name);
        }
        return new ViewTables(SERVED.view + "_next_" + name, SERVED.comment + "_next_" + name,
                SERVED.attachment + "_next_" + name);
    }

    List<String> all() {
        return List.of(view, comment, attachment);
    }
}
