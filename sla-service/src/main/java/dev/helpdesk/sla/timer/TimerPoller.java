package dev.helpdesk.sla.timer;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.sla.ticket.ClockRecorder;
import dev.helpdesk.sla.ticket.SlaTicket;
import dev.helpdesk.sla.ticket.TicketCalendars;
import dev.helpdesk.sla.ticket.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable timers: every poll locks tickets whose clocks have a threshold due ({@code FOR UPDATE SKIP LOCKED},
 * so with several instances each ticket is handled by one), fires the thresholds, stores the clocks and writes
 * the events to the outbox in the same transaction. A crash before commit leaves them due for the next poll.
 */
@Component
public class TimerPoller {

    private static final Logger log = LoggerFactory.getLogger(TimerPoller.class);

    private final TicketStore tickets;
    private final TicketCalendars calendars;
    private final ClockRecorder recorder;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int batchSize;

    public TimerPoller(TicketStore tickets, TicketCalendars calendars, ClockRecorder recorder,
                       TransactionTemplate transactions, Clock clock,
                       @Value("${helpdesk.sla.timers.batch-size:100}") int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("helpdesk.sla.timers.batch-size must be between 1 and 10000");
        }
        this.tickets = tickets;
        this.calendars = calendars;
        this.recorder = recorder;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${helpdesk.sla.timers.poll-interval:PT0.2S}")
    public void poll() {
        try {
            Integer handled;
            do {
                handled = transactions.execute(status -> fireDue(clock.instant()));
            } while (handled != null && handled == batchSize);
        } catch (RuntimeException e) {
            log.warn("Timer poll failed; retrying at the next poll", e);
        }
    }

    /**
     * One batch in one transaction, with a fixed number of statements whatever its size: lock the due tickets and
     * read them, read all their clocks, fire, then store all clocks and all events (see {@link ClockRecorder#recordAll}).
     */
    private int fireDue(Instant now) {
        List<SlaTicket> due = tickets.lockTicketsWithDueTimers(now, batchSize);
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, List<SlaClock>> clocks = tickets.clocks(due.stream().map(SlaTicket::ticketId).toList());
        Map<String, BusinessCalendar> calendarsOfBatch = new HashMap<>();
        List<ClockRecorder.TicketChange> changes = new ArrayList<>();
        for (SlaTicket ticket : due) {
            BusinessCalendar calendar = calendarsOfBatch.computeIfAbsent(ticket.calendarId() + " " + ticket.zone().getId(),
                    key -> calendars.of(ticket));
            for (SlaClock current : clocks.getOrDefault(ticket.ticketId(), List.of())) {
                // stored even without events: its next timer is recomputed, so a stale one never comes back
                changes.add(new ClockRecorder.TicketChange(ticket, current.fireDue(now, calendar), calendar));
            }
        }
        recorder.recordAll(changes, null, now);
        return due.size();
    }
}
