package dev.helpdesk.escalations.escalation;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** What this service keeps of organisations and tickets from {@code helpdesk.tickets.v1} (and the SLA topic). */
@Repository
public class TicketMirror {

    private final JdbcTemplate jdbc;

    public TicketMirror(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void registerOrganization(String organizationId, Plan plan, CalendarKind calendar, String timeZone, String supportManager) {
        jdbc.update("""
                INSERT INTO organization (organization_id, plan, calendar, time_zone, support_manager) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (organization_id) DO UPDATE SET plan = excluded.plan, calendar = excluded.calendar,
                    time_zone = excluded.time_zone, support_manager = excluded.support_manager""",
                organizationId, plan.name(), calendar.name(), timeZone, supportManager);
    }

    public void ticketOpened(String ticketId, String organizationId, Plan plan, CalendarKind calendar, String timeZone, Severity severity) {
        jdbc.update("""
                INSERT INTO ticket (ticket_id, organization_id, plan, calendar, time_zone, severity) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (ticket_id) DO UPDATE SET organization_id = excluded.organization_id, plan = excluded.plan,
                    calendar = excluded.calendar, time_zone = excluded.time_zone, severity = excluded.severity""",
                ticketId, organizationId, nameOf(plan), nameOf(calendar), timeZone, severity.name());
    }

    /** Makes sure a ticket first heard of from the SLA topic has a row (its opening may still be on its way). */
    public void ensureTicket(String ticketId, String organizationId, Severity severity) {
        jdbc.update("INSERT INTO ticket (ticket_id, organization_id, severity) VALUES (?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING",
                ticketId, organizationId, severity == null ? null : severity.name());
    }

    public void severityChanged(String ticketId, Severity severity) {
        jdbc.update("UPDATE ticket SET severity = ? WHERE ticket_id = ?", severity.name(), ticketId);
    }

    /** Locks the ticket's row for the rest of the transaction: every change of its escalations goes one at a time. */
    public Optional<TicketRow> lock(String ticketId) {
        List<TicketRow> rows = jdbc.query("""
                SELECT t.ticket_id, t.organization_id, coalesce(t.plan, o.plan), coalesce(t.calendar, o.calendar),
                       coalesce(t.time_zone, o.time_zone), t.severity, t.resolved, o.support_manager
                FROM ticket t LEFT JOIN organization o ON o.organization_id = t.organization_id
                WHERE t.ticket_id = ? FOR UPDATE OF t""",
                (rs, row) -> new TicketRow(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? null : Plan.valueOf(rs.getString(3)),
                        rs.getString(4) == null ? null : CalendarKind.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6) == null ? null : Severity.valueOf(rs.getString(6)),
                        rs.getBoolean(7), rs.getString(8)),
                ticketId);
        return rows.stream().findFirst();
    }

    public void setResolved(String ticketId, boolean resolved) {
        jdbc.update("UPDATE ticket SET resolved = ? WHERE ticket_id = ?", resolved, ticketId);
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
