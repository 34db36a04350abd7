package dev.helpdesk.sla.timer;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.config.SlaProperties;
import dev.helpdesk.sla.ticket.ClockRecorder;
import dev.helpdesk.sla.ticket.SlaTicket;
import dev.helpdesk.sla.ticket.TicketCalendars;
import dev.helpdesk.sla.ticket.TicketStore;
import dev.helpdesk.pipeline.timer.ConsumedWatermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable timers: each look locks tickets whose clocks have a threshold due ({@code FOR UPDATE SKIP LOCKED},
 * so with several instances each ticket is handled by one), fires the thresholds, stores the clocks and writes
 * the events to the outbox in the same transaction. A crash before commit leaves them due for the next look.
 * <p>
 * Between looks it sleeps until the earliest timer due later (read with the batch), at most
 * {@code helpdesk.sla.timers.fallback-interval}; a transaction of this instance that writes an earlier timer wakes it
 * after its commit (the pipeline's {@code TimerAlarm}; {@code DueTimerLoop} runs the looks, see TimerConfig).
 * An idle service thus costs one statement per fallback interval.
 */
@Component
public class TimerPoller {

    /** How soon thresholds held back by the watermark are looked at again. */
    static final Duration HELD_BACK_RETRY = Duration.ofMillis(250);

    private final TicketStore tickets;
    private final TicketCalendars calendars;
    private final ClockRecorder recorder;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int batchSize;
    private final ConsumedWatermark watermark;

    public TimerPoller(TicketStore tickets, TicketCalendars calendars, ClockRecorder recorder,
                       TransactionTemplate transactions, Clock clock, SlaProperties properties,
                       ObjectProvider<ConsumedWatermark> watermark) {
        this.watermark = watermark.getIfAvailable();
        this.tickets = tickets;
        this.calendars = calendars;
        this.recorder = recorder;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = properties.timers().batchSize();
    }

    /**
     * Fires batches until fewer than a full batch were due; answers the earliest timer due after the last one.
     * Thresholds fire up to the ticket consumer's watermark, not past it ({@link ConsumedWatermark}): a deadline
     * after the watermark waits for the records published before it, and is looked at again after
     * {@link #HELD_BACK_RETRY}.
     */
    public Instant fireAllDue() {
        Instant now = clock.instant();
        if (watermark == null) {
            return fireAllDueUntil(now);
        }
        Optional<Instant> consumed = watermark.current();
        Instant next = consumed.isPresent() ? fireAllDueUntil(earlier(consumed.get(), now)) : null;
        if (consumed.isEmpty() || consumed.get().isBefore(now) && next != null && !next.isAfter(now)) {
            // thresholds due now that the last look held back: look again at once (looks are otherwise at most one
            // per refresh), and fire what the consumer has caught up with
            consumed = watermark.refresh();
            if (consumed.isEmpty()) {
                return now.plus(HELD_BACK_RETRY); // nothing known yet: fire nothing
            }
            next = fireAllDueUntil(earlier(consumed.get(), now));
            if (consumed.get().isBefore(now) && next != null && next.isBefore(now.plus(HELD_BACK_RETRY))) {
                next = now.plus(HELD_BACK_RETRY); // still waiting for records published before them
            }
        }
        return next;
    }

    private Instant fireAllDueUntil(Instant until) {
        TicketStore.DueTimers batch;
        do {
            batch = transactions.execute(status -> fireDue(until));
        } while (batch != null && batch.locked().size() == batchSize);
        return batch == null ? null : batch.nextDueAt();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * One batch in one transaction, with a fixed number of statements whatever its size: lock the tickets of the
     * earliest due timers and read them (with the next timer due later), read all their clocks, fire, then store the
     * clocks that changed and all events (see {@link ClockRecorder#recordAll}). A clock is stored when it fired or
     * when its recomputed timer differs from the stored one (a stale timer never comes back); the ticket's other
     * clocks stay as they are.
     */
    private TicketStore.DueTimers fireDue(Instant now) {
        TicketStore.DueTimers due = tickets.lockTicketsWithDueTimers(now, batchSize);
        if (due.locked().isEmpty()) {
            return due;
        }
        Map<String, SlaTicket> byId = new LinkedHashMap<>();
        due.locked().forEach(ticket -> byId.putIfAbsent(ticket.ticketId(), ticket));
        Collection<SlaTicket> locked = byId.values();
        Map<String, List<TicketStore.TimedClock>> clocks = tickets.timedClocks(byId.keySet());
        Map<String, BusinessCalendar> calendarsOfBatch = new HashMap<>();
        List<ClockRecorder.TicketChange> changes = new ArrayList<>();
        for (SlaTicket ticket : locked) {
            BusinessCalendar calendar = calendarsOfBatch.computeIfAbsent(ticket.calendarId() + " " + ticket.zone().getId(),
                    key -> calendars.of(ticket));
            for (TicketStore.TimedClock stored : clocks.getOrDefault(ticket.ticketId(), List.of())) {
                ClockChange change = stored.clock().fireDue(now, calendar);
                if (!change.events().isEmpty() || !change.clock().nextTimer(calendar).equals(stored.nextTimer())) {
                    changes.add(new ClockRecorder.TicketChange(ticket, change, calendar, null));
                }
            }
        }
        recorder.recordAll(List.of(), changes, now);
        return due;
    }

}
