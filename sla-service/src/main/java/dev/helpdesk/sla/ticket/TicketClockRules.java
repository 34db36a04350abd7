package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a ticket's clocks start, pause, resume, stop and re-target, event by event (DOMAIN.md "SLA clocks" and
 * docs/sla-contract.md). Plain Java: the applier hands it the ticket and its clocks, it answers the ticket after the
 * event and leaves the clock changes in {@link TicketClocks}.
 *
 * <ul>
 *   <li>FIRST_RESPONSE stops at support's first public reply (or at resolution).</li>
 *   <li>NEXT_REPLY starts at a contact's public comment, unless the first response or an earlier next reply is
 *   still awaited (running, paused, or breached without a reply), or the ticket is closed, or its type has no targets
 *   (a comment on a resolved ticket reopens it, so it starts one); support's next public reply
 *   (or resolution) meets it.</li>
 *   <li>RESOLUTION stops at RESOLVED and resumes on reopening with the time already used.</li>
 *   <li>RESOLUTION and NEXT_REPLY pause while the ticket waits on the customer.</li>
 * </ul>
 */
final class TicketClockRules {

    private TicketClockRules() {
    }

    /** A public comment: support's answers the customer, a contact's asks for the next reply. */
    static SlaTicket publicComment(SlaTicket ticket, TicketClocks clocks, boolean byStaff, Instant at) {
        BusinessCalendar calendar = clocks.calendar();
        if (byStaff) {
            clocks.change(Metric.FIRST_RESPONSE, clock -> clock.meet(at, calendar));
            clocks.change(Metric.NEXT_REPLY, clock -> clock.meet(at, calendar));
            return ticket;
        }
        if (ticket.status() == TicketStatus.CLOSED || awaiting(clocks, Metric.FIRST_RESPONSE) || awaiting(clocks, Metric.NEXT_REPLY)) {
            return ticket;
        }
        Duration target = ticket.target(Metric.NEXT_REPLY, ticket.severity());
        if (target == null) {
            return ticket;
        }
        ClockChange started = SlaClock.start(ticket.ticketId(), Metric.NEXT_REPLY, ticket.severity(), target,
                ticket.warningThresholds(), at, calendar);
        // on a ticket waiting on the customer or resolved, the comment moves it back to IN_PROGRESS by itself at the
        // same instant (the ticket service's next event): the clock runs from the comment
        clocks.start(Metric.NEXT_REPLY, started);
        return ticket;
    }

    static SlaTicket statusChanged(SlaTicket ticket, TicketClocks clocks, TicketStatus from, TicketStatus to,
                                   Instant at) {
        BusinessCalendar calendar = clocks.calendar();
        if (ticket.status() == TicketStatus.RESOLVED && to == TicketStatus.IN_PROGRESS) {
            clocks.change(Metric.RESOLUTION, clock -> clock.reopen(at, calendar));
        } else if (to == TicketStatus.WAITING_ON_CUSTOMER) {
            clocks.change(Metric.RESOLUTION, clock -> clock.pause(at, calendar));
            clocks.change(Metric.NEXT_REPLY, clock -> clock.pause(at, calendar));
        } else if (to == TicketStatus.RESOLVED) {
            // resolving answers the customer too: an unanswered first response or next reply stops with it
            clocks.change(Metric.FIRST_RESPONSE, clock -> clock.meet(at, calendar));
            clocks.change(Metric.NEXT_REPLY, clock -> clock.meet(at, calendar));
            clocks.change(Metric.RESOLUTION, clock -> clock.meet(at, calendar));
        } else if (ticket.status() == TicketStatus.WAITING_ON_CUSTOMER || from == TicketStatus.WAITING_ON_CUSTOMER) {
            clocks.change(Metric.RESOLUTION, clock -> clock.resume(at, calendar));
            clocks.change(Metric.NEXT_REPLY, clock -> clock.resume(at, calendar));
        }
        return ticket.with(ticket.severity(), to);
    }

    static SlaTicket severityChanged(SlaTicket ticket, TicketClocks clocks, Severity to, Instant at) {
        BusinessCalendar calendar = clocks.calendar();
        for (Metric metric : Metric.values()) {
            clocks.change(metric, clock -> clock.retarget(to, ticket.target(metric, to), at, calendar));
            if (ticket.status() == TicketStatus.WAITING_ON_CUSTOMER && metric != Metric.FIRST_RESPONSE) {
                clocks.change(metric, clock -> clock.pause(at, calendar));
            } else if (ticket.status() == TicketStatus.RESOLVED || ticket.status() == TicketStatus.CLOSED) {
                clocks.change(metric, clock -> clock.meet(at, calendar));
            }
        }
        return ticket.with(to, ticket.status());
    }

    private static boolean awaiting(TicketClocks clocks, Metric metric) {
        SlaClock clock = clocks.get(metric);
        return clock != null && clock.awaitingReply();
    }
}
