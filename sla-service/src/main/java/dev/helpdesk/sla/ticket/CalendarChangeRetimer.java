package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.calendar.CalendarChanged;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.SlaClock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** After a calendar edit, running clocks on it get due times (and timers) on the new hours and holidays. */
@Component
public class CalendarChangeRetimer {

    private static final Logger log = LoggerFactory.getLogger(CalendarChangeRetimer.class);

    private final JdbcTemplate jdbc;
    private final TicketStore tickets;
    private final TicketCalendars calendars;
    private final ClockRecorder recorder;
    private final TransactionTemplate transactions;

    public CalendarChangeRetimer(JdbcTemplate jdbc, TicketStore tickets, TicketCalendars calendars,
                                 ClockRecorder recorder, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.calendars = calendars;
        this.recorder = recorder;
        this.transactions = transactions;
    }

    @EventListener
    public void on(CalendarChanged changed) {
        List<String> ticketIds = jdbc.queryForList("SELECT DISTINCT t.ticket_id FROM ticket t JOIN clock c USING (ticket_id) "
                + "WHERE t.calendar_id = ? AND c.state = 'RUNNING'", String.class, changed.calendarId());
        for (String ticketId : ticketIds) {
            transactions.executeWithoutResult(status -> tickets.lock(ticketId).ifPresent(ticket -> {
                BusinessCalendar calendar = calendars.of(ticket);
                for (SlaClock clock : tickets.clocks(ticketId)) {
                    recorder.record(ticket, new ClockChange(clock.onCalendar(calendar), List.of()), calendar, null, null);
                }
            }));
        }
        log.info("Re-timed {} tickets after calendar {} changed", ticketIds.size(), changed.calendarId());
    }
}
