package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.ClockEvent;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.sla.outbox.OutboxWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores clock changes with their timers and writes their events to the outbox, in the caller's transaction.
 * {@link #recordAll} does it for many tickets with a fixed number of statements (the timer poller fires thousands
 * of thresholds at once); each ticket's events get consecutive sequences in the order given.
 */
@Component
public class ClockRecorder {

    private final TicketStore tickets;
    private final OutboxWriter outbox;
    private final SlaMetrics metrics;

    public ClockRecorder(TicketStore tickets, OutboxWriter outbox, SlaMetrics metrics) {
        this.tickets = tickets;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** A clock change of a ticket, with the calendar its clock counts on. */
    public record TicketChange(SlaTicket ticket, ClockChange change, BusinessCalendar calendar) {
    }

    /** @param firedAt when the timer poller fired the change (for the lag metric), null for ticket events */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(SlaTicket ticket, ClockChange change, BusinessCalendar calendar, String correlationId, Instant firedAt) {
        recordAll(List.of(new TicketChange(ticket, change, calendar)), correlationId, firedAt);
    }

    /** @param firedAt when the timer poller fired the changes (for the lag metric), null for ticket events */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<TicketChange> changes, String correlationId, Instant firedAt) {
        tickets.saveAll(changes.stream()
                .map(c -> new TicketStore.TimedClock(c.change().clock(), c.change().clock().nextTimer(c.calendar())))
                .toList());
        Set<String> withEvents = new LinkedHashSet<>();
        changes.stream().filter(c -> !c.change().events().isEmpty()).forEach(c -> withEvents.add(c.ticket().ticketId()));
        if (withEvents.isEmpty()) {
            return;
        }
        Map<String, Long> sequences = tickets.nextSequences(withEvents);
        List<OutboxWriter.Event> events = new ArrayList<>();
        for (TicketChange change : changes) {
            for (ClockEvent event : change.change().events()) {
                String ticketId = change.ticket().ticketId();
                long sequence = sequences.merge(ticketId, 1L, Long::sum) - 1;
                events.add(describe(change.ticket(), change.change().clock(), event, sequence, correlationId, firedAt));
            }
        }
        outbox.appendAll(events);
    }

    private OutboxWriter.Event describe(SlaTicket ticket, SlaClock clock, ClockEvent event, long sequence,
                                        String correlationId, Instant firedAt) {
        if (event instanceof ClockEvent.WarningReached warning) {
            afterCommit(() -> metrics.warning(clock.metric().name(), clock.severity().name(), warning.thresholdPercent()));
            lag(firedAt, warning.at());
        } else if (event instanceof ClockEvent.Breached breached) {
            afterCommit(() -> metrics.breach(clock.metric().name(), clock.severity().name()));
            lag(firedAt, breached.breachedAt());
        }
        PublishedClockEvent published = PublishedClockEvent.of(ticket, clock, event);
        return new OutboxWriter.Event(ticket.ticketId(), published.type(), published.time(), sequence, correlationId,
                published.data());
    }

    private void lag(Instant firedAt, Instant dueAt) {
        if (firedAt != null) {
            afterCommit(() -> metrics.timerLag(Duration.between(dueAt, firedAt)));
        }
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
