package dev.helpdesk.tickets.ticket.autoclose;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import dev.helpdesk.tickets.config.AxonConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Sets and clears the auto-close timer of a ticket in the transaction of the command that resolves, reopens or closes
 * it (the subscribing processor of the inline views), so no resolution is ever without its timer and no reopened
 * ticket keeps one. Not part of the ticket views' generations: a replay of the views does not touch it.
 */
@Component
@ProcessingGroup(AxonConfig.INLINE_VIEWS)
class AutoCloseSchedule {

    private final JdbcTemplate jdbc;
    private final TimerAlarm alarm;
    private final AutoCloseProperties properties;

    AutoCloseSchedule(JdbcTemplate jdbc, TimerAlarm alarm, AutoCloseProperties properties) {
        this.jdbc = jdbc;
        this.alarm = alarm;
        this.properties = properties;
    }

    @EventHandler
    void on(TicketStatusChangedEvent e) {
        if (e.to() != TicketStatus.RESOLVED) {
            clear(e.ticketId());
            return;
        }
        if (!properties.enabled()) {
            return;
        }
        jdbc.query("""
                SELECT o.calendar, o.time_zone FROM ticket_view v JOIN organization_view o ON o.id = v.organization_id
                WHERE v.id = ?""", rs -> {
            Instant due = AutoCloseDeadline.after(e.changedAt(), CalendarKind.valueOf(rs.getString(1)),
                    ZoneId.of(rs.getString(2)), properties.businessDays());
            jdbc.update("""
                    INSERT INTO auto_close_timer (ticket_id, resolved_at, due_at) VALUES (?, ?, ?)
                    ON CONFLICT (ticket_id) DO UPDATE SET resolved_at = EXCLUDED.resolved_at, due_at = EXCLUDED.due_at""",
                    e.ticketId(), Timestamp.from(e.changedAt()), Timestamp.from(due));
            alarm.timerSet(due);
        }, e.ticketId());
    }

    @EventHandler
    void on(TicketReopenedEvent e) {
        clear(e.ticketId());
    }

    private void clear(String ticketId) {
        jdbc.update("DELETE FROM auto_close_timer WHERE ticket_id = ?", ticketId);
    }
}
