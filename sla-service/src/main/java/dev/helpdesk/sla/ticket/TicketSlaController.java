package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A ticket's SLA clocks; contacts see only their own organisation's tickets. */
@RestController
public class TicketSlaController {

    private final TicketStore tickets;
    private final TicketCalendars calendars;
    private final Clock clock;

    public TicketSlaController(TicketStore tickets, TicketCalendars calendars, Clock clock) {
        this.tickets = tickets;
        this.calendars = calendars;
        this.clock = clock;
    }

    @GetMapping("/api/sla/tickets/{ticketId}")
    public TicketSlaView get(@PathVariable String ticketId, Caller caller) {
        SlaTicket ticket = tickets.find(ticketId)
                .filter(found -> caller.mayRead(found.organizationId()))
                .orElseThrow(() -> ProblemException.notFound("No SLA clocks for ticket " + ticketId + "."));
        BusinessCalendar calendar = calendars.of(ticket);
        Instant now = clock.instant();
        List<ClockView> clocks = tickets.clocks(ticketId).stream().map(c -> ClockView.of(c, now, calendar)).toList();
        return new TicketSlaView(ticket.ticketId(), ticket.organizationId(), ticket.policyId(), ticket.policyVersion(),
                ticket.calendarId(), ticket.zone().getId(), ticket.severity().name(), clocks);
    }

    public record TicketSlaView(String ticketId, String organizationId, String policyId, long policyVersion,
                                String calendarId, String timeZone, String severity, List<ClockView> clocks) {
    }

    public record ClockView(String metric, String state, String severity, String target, Instant startedAt,
                            Instant dueAt, String pausedFor, BigDecimal elapsedPercent, Instant metAt,
                            Instant breachedAt) {

        static ClockView of(SlaClock clock, Instant now, BusinessCalendar calendar) {
            return new ClockView(clock.metric().name(), clock.state().name(), clock.severity().name(),
                    clock.target() == null ? null : clock.target().toString(), clock.startedAt(), clock.dueAt(),
                    clock.pausedFor(now, calendar).toString(), clock.elapsedPercent(now, calendar), clock.metAt(),
                    clock.breachedAt());
        }
    }
}
