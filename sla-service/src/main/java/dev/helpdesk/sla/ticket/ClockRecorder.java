package dev.helpdesk.sla.ticket;

import dev.helpdesk.pipeline.AfterCommit;
import dev.helpdesk.pipeline.InTransaction;
import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.ClockEvent;
import dev.helpdesk.sla.clock.ClockSegment;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.sla.clock.NextTimer;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stores clock changes with their timers and writes their events to the outbox, in the caller's transaction, with a
 * fixed number of statements whatever the number of tickets (the consumer applies a poll at once, the timer poller
 * fires thousands of thresholds at once): one stores new tickets, all clocks and the clocks' new history
 * ({@link ClockSegments}), two write the events (the outbox numbers each ticket's stream). After the commit the timer poller is told of the earliest timer written.
 */
@Component
public class ClockRecorder {

    public static final String AGGREGATE_TYPE = "SlaClock";

    private final TicketStore tickets;
    private final OutboxWriter outbox;
    private final SlaMetrics metrics;
    private final TimerAlarm alarm;
    private final String topic;

    public ClockRecorder(TicketStore tickets, OutboxWriter outbox, SlaMetrics metrics, TimerAlarm alarm,
                         @Value("${helpdesk.topics.sla}") String topic) {
        this.tickets = tickets;
        this.outbox = outbox;
        this.metrics = metrics;
        this.alarm = alarm;
        this.topic = topic;
    }

    /**
     * A clock change of a ticket, with the calendar its clock counts on and the correlation id and trace context of
     * the event that caused it (null for timers).
     */
    public record TicketChange(SlaTicket ticket, ClockChange change, BusinessCalendar calendar, String correlationId,
                               TraceHeaders trace, SlaClock before, Instant at) {

        /** A change whose clock before and time are not told (timers, calendar edits): no RETARGETED segment. */
        public TicketChange(SlaTicket ticket, ClockChange change, BusinessCalendar calendar, String correlationId) {
            this(ticket, change, calendar, correlationId, null, null, null);
        }
    }

    /** @param firedAt when the timer poller fired the change (for the lag metric), null for ticket events */
    public void record(SlaTicket ticket, ClockChange change, BusinessCalendar calendar, String correlationId, Instant firedAt) {
        recordAll(List.of(), List.of(new TicketChange(ticket, change, calendar, correlationId)), firedAt);
    }

    /**
     * Inserts the opened tickets (a ticket known already is left as it is, and its changes are dropped), stores the
     * last state of every changed clock and writes all events in the order given.
     *
     * In the caller's transaction (checked without a proxy: this runs once per poll and per timer batch).
     *
     * @param firedAt when the timer poller fired the changes (for the lag metric), null for ticket events
     * @return the opened tickets that were inserted
     */
    public Set<String> recordAll(List<TicketStore.NewTicket> opened, List<TicketChange> changes, Instant firedAt) {
        InTransaction.required("ClockRecorder.recordAll");
        Map<String, TicketStore.TimedClock> last = new LinkedHashMap<>();
        for (TicketChange change : changes) {
            SlaClock clock = change.change().clock();
            last.put(clock.ticketId() + " " + clock.metric(),
                    new TicketStore.TimedClock(clock, clock.nextTimer(change.calendar())));
        }
        List<ClockSegment> history = new ArrayList<>();
        changes.forEach(change -> history.addAll(ClockSegment.of(change.before(), change.change(), change.at())));
        Set<String> inserted = tickets.saveAll(opened, List.copyOf(last.values()), history);
        Set<String> dropped = new HashSet<>();
        opened.forEach(ticket -> {
            if (!inserted.contains(ticket.ticket().ticketId())) {
                dropped.add(ticket.ticket().ticketId());
            }
        });
        List<OutboxEvent> events = new ArrayList<>();
        for (TicketChange change : changes) {
            if (dropped.contains(change.ticket().ticketId())) {
                continue;
            }
            for (ClockEvent event : change.change().events()) {
                events.add(describe(change.ticket(), change.change().clock(), event, change.correlationId(), firedAt)
                        .withTrace(change.trace()));
            }
        }
        outbox.appendAll(events);
        last.values().stream().filter(timed -> !dropped.contains(timed.clock().ticketId()))
                .flatMap(timed -> timed.nextTimer().stream()).map(NextTimer::at).min(Comparator.naturalOrder())
                .ifPresent(earliest -> AfterCommit.run(() -> alarm.ring(earliest)));
        return inserted;
    }

    private OutboxEvent describe(SlaTicket ticket, SlaClock clock, ClockEvent event, String correlationId,
                                 Instant firedAt) {
        if (event instanceof ClockEvent.WarningReached warning) {
            AfterCommit.run(() -> metrics.warning(clock.metric().name(), clock.severity().name(), warning.thresholdPercent()));
            lag(firedAt, warning.at());
        } else if (event instanceof ClockEvent.Breached breached) {
            AfterCommit.run(() -> metrics.breach(clock.metric().name(), clock.severity().name()));
            lag(firedAt, breached.breachedAt());
        }
        PublishedClockEvent published = PublishedClockEvent.of(ticket, clock, event);
        String actor = event instanceof ClockEvent.Exempted exempted ? exempted.by() : "system";
        return new OutboxEvent(topic, ticket.ticketId(), AGGREGATE_TYPE, published.type(), published.time(), actor,
                correlationId, published.data());
    }

    private void lag(Instant firedAt, Instant dueAt) {
        if (firedAt != null) {
            AfterCommit.run(() -> metrics.timerLag(Duration.between(dueAt, firedAt)));
        }
    }

}
