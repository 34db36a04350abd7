package dev.helpdesk.notifications.view;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.notifications.notice.TicketFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** The small view of each ticket the mails need ({@code ticket_view}), kept from the tickets topic. */
@Repository
public class TicketViews {

    private final JdbcTemplate jdbc;

    public TicketViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an opened ticket; an opening seen before changes nothing (a redelivery). */
    public void opened(TicketOpenedEvent e) {
        jdbc.update("""
                INSERT INTO ticket_view (ticket_id, ticket_key, organization_id, title, opened_by, opened_by_kind)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING""",
                e.ticketId(), e.key(), e.organizationId(), e.title() == null ? "" : e.title(), e.openedBy(),
                e.openedByKind() == null ? null : e.openedByKind().name());
    }

    public void assigned(String ticketId, String assignee) {
        jdbc.update("UPDATE ticket_view SET assignee = ?, updated_at = now() WHERE ticket_id = ?", assignee, ticketId);
    }

    public Optional<TicketFacts> find(String ticketId) {
        return jdbc.query("""
                SELECT ticket_id, ticket_key, organization_id, title, opened_by, opened_by_kind, assignee
                FROM ticket_view WHERE ticket_id = ?""", (rs, n) -> new TicketFacts(rs.getString("ticket_id"),
                rs.getString("ticket_key"), rs.getString("organization_id"), rs.getString("title"),
                rs.getString("opened_by"), ActorKind.CONTACT.name().equals(rs.getString("opened_by_kind")),
                rs.getString("assignee")), ticketId).stream().findFirst();
    }
}
