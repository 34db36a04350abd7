package dev.helpdesk.sla.replay;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.ticket.ClockRecorder;
import dev.helpdesk.sla.ticket.SlaTicket;
import dev.helpdesk.sla.ticket.TicketCalendars;
import dev.helpdesk.sla.ticket.TicketStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Brings a rebuilt generation's clocks to where the live timers are, without publishing. Ticket events fire every
 * threshold due before them (the clock rules), so a rebuilt clock lacks only the thresholds the live timer poller fired
 * after its ticket's last event. With the served clocks locked, every threshold due before the earliest timer still
 * pending there (the watermark) has been fired by the live poller; the rebuilt clocks fire those (recording state and
 * history, publishing nothing: the transaction is a rebuild's), and the live poller fires the rest after the switch.
 */
@Component
class SilentTimers {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final TicketStore tickets;
    private final TicketCalendars calendars;
    private final ClockRecorder recorder;
    private final Clock clock;

    SilentTimers(JdbcTemplate jdbc, TicketStore tickets, TicketCalendars calendars, ClockRecorder recorder, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.calendars = calendars;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** The earliest timer pending in the served clocks, or now when none is (read with the served clocks locked). */
    Instant watermark(String servedSchema) {
        Timestamp earliest = jdbc.queryForObject("SELECT min(next_timer_at) FROM " + servedSchema + ".clock",
                Timestamp.class);
        Instant now = clock.instant();
        return earliest == null || earliest.toInstant().isAfter(now) ? now : earliest.toInstant();
    }

    /** Fires, in the clocks on the search path, each threshold due before {@code watermark}; answers the clocks changed. */
    int fireBefore(Instant watermark) {
        Instant cutoff = watermark.minusNanos(1_000);
        int changed = 0;
        TicketStore.DueTimers due;
        do {
            due = tickets.lockTicketsWithDueTimers(cutoff, BATCH);
            Map<String, SlaTicket> byId = new LinkedHashMap<>();
            due.locked().forEach(ticket -> byId.putIfAbsent(ticket.ticketId(), ticket));
            Map<String, List<TicketStore.TimedClock>> clocks = tickets.timedClocks(byId.keySet());
            List<ClockRecorder.TicketChange> changes = new ArrayList<>();
            for (SlaTicket ticket : byId.values()) {
                BusinessCalendar calendar = calendars.of(ticket);
                for (TicketStore.TimedClock stored : clocks.getOrDefault(ticket.ticketId(), List.of())) {
                    ClockChange change = stored.clock().fireDue(cutoff, calendar);
                    if (!change.events().isEmpty() || !change.clock().nextTimer(calendar).equals(stored.nextTimer())) {
                        changes.add(new ClockRecorder.TicketChange(ticket, change, calendar, null));
                    }
                }
            }
            if (changes.isEmpty()) {
                break;
            }
            recorder.recordAll(List.of(), changes, null);
            changed += changes.size();
        } while (due.locked().size() == BATCH);
        return changed;
    }
}
