package dev.helpdesk.sla.timer;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.ticket.ClockRecorder;
import dev.helpdesk.sla.ticket.SlaTicket;
import dev.helpdesk.sla.ticket.TicketCalendars;
import dev.helpdesk.sla.ticket.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
     * One batch in one transaction, with a fixed number of statements whatever its size: lock the tickets of the
     * earliest due timers and read them, read all their clocks, fire, then store the clocks that changed and all
     * events (see {@link ClockRecorder#recordAll}). A clock is stored when it fired or when its recomputed timer
     * differs from the stored one (a stale timer never comes back); the ticket's other clocks stay as they are.
     * Answers how many due timers were taken: the batch size means more may be due.
     */
    private int fireDue(Instant now) {
        List<SlaTicket> locked = tickets.lockTicketsWithDueTimers(now, batchSize);
        if (locked.isEmpty()) {
            return 0;
        }
        Map<String, SlaTicket> byId = new LinkedHashMap<>();
        locked.forEach(ticket -> byId.putIfAbsent(ticket.ticketId(), ticket));
        Collection<SlaTicket> due = byId.values();
        Map<String, List<TicketStore.TimedClock>> clocks = tickets.timedClocks(byId.keySet());
        Map<String, BusinessCalendar> calendarsOfBatch = new HashMap<>();
        List<ClockRecorder.TicketChange> changes = new ArrayList<>();
        for (SlaTicket ticket : due) {
            BusinessCalendar calendar = calendarsOfBatch.computeIfAbsent(ticket.calendarId() + " " + ticket.zone().getId(),
                    key -> calendars.of(ticket));
            for (TicketStore.TimedClock stored : clocks.getOrDefault(ticket.ticketId(), List.of())) {
                ClockChange change = stored.clock().fireDue(now, calendar);
                if (!change.events().isEmpty() || !change.clock().nextTimer(calendar).equals(stored.nextTimer())) {
                    changes.add(new ClockRecorder.TicketChange(ticket, change, calendar));
                }
            }
        }
        recorder.recordAll(changes, null, now);
        return locked.size();
    }
}
