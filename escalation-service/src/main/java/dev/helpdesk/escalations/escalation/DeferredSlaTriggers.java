package dev.helpdesk.escalations.escalation;

import dev.helpdesk.escalations.domain.Trigger;
import dev.helpdesk.events.Severity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;

/**
 * SLA triggers that arrived before the ticket's opening (they travel on another topic): kept until the opening
 * tells the plan, calendar and zone that the escalation needs.
 */
@Repository
public class DeferredSlaTriggers {

    private final JdbcTemplate jdbc;

    public DeferredSlaTriggers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void defer(SlaTrigger trigger) {
        jdbc.update("INSERT INTO deferred_sla_trigger (ticket_id, organization_id, trigger, severity, threshold_percent) VALUES (?, ?, ?, ?, ?)",
                trigger.ticketId(), trigger.organizationId(), trigger.trigger().name(),
                trigger.severity() == null ? null : trigger.severity().name(), trigger.thresholdPercent());
    }

    /** Removes and returns the ticket's deferred triggers, oldest first (the caller holds the ticket's row lock). */
    public List<SlaTrigger> takeAll(String ticketId) {
        List<SlaTrigger> waiting = jdbc.query("""
                SELECT ticket_id, organization_id, trigger, severity, threshold_percent FROM deferred_sla_trigger
                WHERE ticket_id = ? ORDER BY id""",
                (rs, row) -> new SlaTrigger(rs.getString(1), rs.getString(2), Trigger.valueOf(rs.getString(3)),
                        rs.getString(4) == null ? null : Severity.valueOf(rs.getString(4)), (Integer) rs.getObject(5)),
                ticketId);
        jdbc.update("DELETE FROM deferred_sla_trigger WHERE ticket_id = ?", ticketId);
        return waiting;
    }
}
