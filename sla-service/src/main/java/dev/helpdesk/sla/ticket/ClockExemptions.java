package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.ClockState;
import dev.helpdesk.sla.clock.ExemptionReason;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support exempts a ticket's clock (docs/sla-contract.md): in one transaction with the ticket locked, the clock stops
 * counting (no timer), its history gets an EXEMPTED segment, the exemption is recorded and
 * {@code helpdesk.sla.clock-exempted.v1} goes to the outbox. A replay applies the recorded exemptions again.
 */
@Component
public class ClockExemptions {

    private final TicketStore tickets;
    private final TicketCalendars calendars;
    private final ClockRecorder recorder;
    private final Exemptions exemptions;
    private final Clock clock;

    public ClockExemptions(TicketStore tickets, TicketCalendars calendars, ClockRecorder recorder,
                           Exemptions exemptions, Clock clock) {
        this.tickets = tickets;
        this.calendars = calendars;
        this.recorder = recorder;
        this.exemptions = exemptions;
        this.clock = clock;
    }

    /**
     * Exempts the ticket's current clock of {@code metric}. 404 when the ticket (readable by the caller's rules,
     * checked by the controller) has no such clock or it has no target; 422 {@code clock-met} when it was met;
     * 409 {@code already-exempted} when it was exempted before.
     */
    @Transactional
    public Exemptions.Exemption exempt(String ticketId, Metric metric, ExemptionReason reason, String note, String by,
                                       String correlationId) {
        SlaTicket ticket = tickets.lock(ticketId)
                .orElseThrow(() -> ProblemException.notFound("No SLA clocks for ticket " + ticketId + "."));
        SlaClock current = tickets.clocks(ticketId).stream().filter(c -> c.metric() == metric).findFirst()
                .filter(c -> c.state() != ClockState.NOT_APPLICABLE)
                .orElseThrow(() -> ProblemException.notFound("Ticket " + ticketId + " has no " + metric + " clock."));
        Instant now = clock.instant();
        BusinessCalendar calendar = calendars.of(ticket);
        if (current.state() == ClockState.EXEMPTED) {
            throw ProblemException.conflict("The " + metric + " clock of ticket " + ticketId + " is exempted already.")
                    .withReason("already-exempted");
        }
        ClockChange change = current.exempt(now, reason, note, by, calendar);
        if (change.clock().state() != ClockState.EXEMPTED) {
            throw ProblemException.businessRule("clock-met", "The " + metric + " clock of ticket " + ticketId
                    + " was met; a met clock counts as met and is not exempted.");
        }
        recorder.recordAll(List.of(), List.of(new ClockRecorder.TicketChange(ticket, change, calendar, correlationId,
                null, current, now)), null);
        Exemptions.Exemption exemption = new Exemptions.Exemption(ticketId, metric, current.startedAt(), reason, note,
                by, now);
        exemptions.record(exemption);
        return exemption;
    }

    /**
     * A replay's catch-up at its switch: applies every recorded exemption not applied yet to the clocks on the search
     * path (those whose ticket had no event after the exemption), in the caller's transaction. Answers how many.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int reapplyAll() {
        Instant upTo = Instant.parse("9999-01-01T00:00:00Z");
        Map<String, List<Exemptions.Exemption>> all = exemptions.allUpTo(upTo);
        if (all.isEmpty()) {
            return 0;
        }
        Map<String, SlaTicket> locked = tickets.lockAll(all.keySet());
        Map<String, List<TicketStore.TimedClock>> clocks = tickets.timedClocks(locked.keySet());
        List<ClockRecorder.TicketChange> changes = new ArrayList<>();
        int applied = 0;
        for (SlaTicket ticket : locked.values()) {
            BusinessCalendar calendar = calendars.of(ticket);
            List<SlaClock> current = clocks.getOrDefault(ticket.ticketId(), List.of()).stream()
                    .map(TicketStore.TimedClock::clock).toList();
            TicketClocks ticketClocks = new TicketClocks(current, calendar);
            Exemptions.applyUpTo(all.get(ticket.ticketId()), ticketClocks, upTo);
            for (ClockChange change : ticketClocks.changes()) {
                if (!change.events().isEmpty()) {
                    changes.add(new ClockRecorder.TicketChange(ticket, change, calendar, null));
                    applied++;
                }
            }
        }
        recorder.recordAll(List.of(), changes, null);
        return applied;
    }
}
