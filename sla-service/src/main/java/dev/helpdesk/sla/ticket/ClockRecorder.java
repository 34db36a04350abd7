package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.ClockEvent;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.sla.outbox.OutboxWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticket.ticketId());
        data.put("organizationId", ticket.organizationId());
        data.put("metric", clock.metric().name());
        data.put("severity", clock.severity().name());
        String type;
        Instant time;
        if (event instanceof ClockEvent.Started started) {
            type = SlaEventTypes.CLOCK_STARTED;
            time = started.startedAt();
            data.put("policyId", ticket.policyId());
            data.put("startedAt", started.startedAt());
            data.put("dueAt", started.dueAt());
        } else if (event instanceof ClockEvent.Paused paused) {
            type = SlaEventTypes.CLOCK_PAUSED;
            time = paused.at();
            data.put("at", paused.at());
            data.put("dueAt", paused.dueAt());
        } else if (event instanceof ClockEvent.Resumed resumed) {
            type = SlaEventTypes.CLOCK_RESUMED;
            time = resumed.at();
            data.put("at", resumed.at());
            data.put("dueAt", resumed.dueAt());
        } else if (event instanceof ClockEvent.WarningReached warning) {
            type = SlaEventTypes.WARNING_REACHED;
            time = warning.at();
            data.put("thresholdPercent", warning.thresholdPercent());
            data.put("dueAt", warning.dueAt());
            data.put("at", warning.at());
            afterCommit(() -> metrics.warning(clock.metric().name(), clock.severity().name(), warning.thresholdPercent()));
            lag(firedAt, warning.at());
        } else if (event instanceof ClockEvent.Breached breached) {
            type = SlaEventTypes.BREACHED;
            time = breached.breachedAt();
            data.put("dueAt", breached.dueAt());
            data.put("breachedAt", breached.breachedAt());
            afterCommit(() -> metrics.breach(clock.metric().name(), clock.severity().name()));
            lag(firedAt, breached.breachedAt());
        } else {
            ClockEvent.Met met = (ClockEvent.Met) event;
            type = SlaEventTypes.MET;
            time = met.metAt();
            data.put("dueAt", met.dueAt());
            data.put("metAt", met.metAt());
        }
        return new OutboxWriter.Event(ticket.ticketId(), type, time, sequence, correlationId, data);
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
