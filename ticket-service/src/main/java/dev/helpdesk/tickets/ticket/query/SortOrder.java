package dev.helpdesk.tickets.ticket.query;

import java.sql.Timestamp;
import java.util.List;

/**
 * The SQL of one {@link TicketSort}: the sort key of a row ({@code sort_key}), the order, and the keyset condition
 * that starts a page after a given row. Ties are broken by id, so the order is total and a page never repeats or
 * skips a row that did not move.
 */
record SortOrder(String key, boolean ascending) {

    /**
     * The nearest due time of an open ticket's running or breached SLA clocks ({@code ticket_sla_clock}, kept from
     * helpdesk.sla.v1): a breached target lies in the past and so comes first. A resolved or closed ticket has
     * nothing left to be urgent about, whatever its clocks missed.
     */
    private static final String NEAREST_DUE = "(CASE WHEN ticket_view.status IN ('NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER')"
            + " THEN (SELECT min(c.due_at) FROM ticket_sla_clock c WHERE c.ticket_id = ticket_view.id AND c.due_at IS NOT NULL)"
            + " END)";

    static SortOrder of(TicketSort sort, boolean staff) {
        return switch (sort) {
            case SLA -> new SortOrder(NEAREST_DUE, true);
            case CREATED -> new SortOrder("ticket_view.opened_at", false);
            case UPDATED -> new SortOrder(staff ? "ticket_view.updated_at" : "ticket_view.public_updated_at", false);
        };
    }

    /** Ascending keys with rows without one (no running SLA clock) last; descending keys are never null. */
    String orderBy() {
        return ascending ? "sort_key ASC NULLS LAST, id" : "sort_key DESC, id";
    }

    /** The condition on the outer query that keeps the rows after {@code position}, adding its arguments. */
    String after(TicketCursors.Position position, List<Object> args) {
        if (position == null) {
            return "";
        }
        if (position.key() == null) {
            args.add(position.id());
            return " WHERE sort_key IS NULL AND id > ?";
        }
        Timestamp key = Timestamp.from(position.key());
        args.add(key);
        args.add(key);
        args.add(position.id());
        return ascending
                ? " WHERE (sort_key > ? OR (sort_key = ? AND id > ?) OR sort_key IS NULL)"
                : " WHERE (sort_key < ? OR (sort_key = ? AND id > ?))";
    }
}
