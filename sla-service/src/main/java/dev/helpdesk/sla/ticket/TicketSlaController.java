package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import dev.helpdesk.sla.clock.ClockSegment;
import dev.helpdesk.sla.clock.ClockState;
import dev.helpdesk.sla.clock.Metric;
import org.springframework.web.bind.annotation.RequestParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A ticket's SLA clocks; contacts see only their own organisation's tickets. */
@RestController
public class TicketSlaController {

    private final TicketStore tickets;
    private final ClockSegments segments;
    private final TicketCalendars calendars;
    private final Exemptions exemptions;
    private final Clock clock;

    public TicketSlaController(TicketStore tickets, ClockSegments segments, TicketCalendars calendars,
                               Exemptions exemptions, Clock clock) {
        this.tickets = tickets;
        this.segments = segments;
        this.calendars = calendars;
        this.exemptions = exemptions;
        this.clock = clock;
    }

    /**
     * The ticket's clocks now, or with {@code asOf} as they were at that instant (from the clocks' history: state,
     * severity, due time, elapsed and remaining business time then).
     */
    @Operation(description = "A ticket's SLA clocks now, or as they were at asOf (state, severity, due time, elapsed "
            + "and remaining business time then). Contacts: their own organisation's tickets only (404 otherwise).")
    @GetMapping("/api/sla/tickets/{ticketId}")
    public TicketSlaView get(@PathVariable String ticketId,
                             @Parameter(description = "An ISO-8601 instant, e.g. 2026-11-23T10:15:00Z")
                             @RequestParam(required = false) String asOf,
                             Caller caller) {
        Instant at = asOf == null ? null : instant(asOf);
        SlaTicket ticket = readable(ticketId, caller);
        BusinessCalendar calendar = calendars.of(ticket);
        if (at == null) {
            Instant now = clock.instant();
            List<Exemptions.Exemption> made = exemptions.of(ticketId);
            List<ClockView> clocks = tickets.clocks(ticketId).stream()
                    .map(c -> ClockView.of(c, now, calendar, exemptionOf(c, made))).toList();
            return new TicketSlaView(ticket.ticketId(), ticket.organizationId(), ticket.policyId(),
                    ticket.policyVersion(), ticket.calendarId(), ticket.zone().getId(), ticket.severity().name(), null,
                    ticket.withoutTargets(), clocks);
        }
        Map<Metric, ClockSegment> then = new EnumMap<>(Metric.class);
        segments.of(ticketId).stream().filter(segment -> !segment.at().isAfter(at))
                .forEach(segment -> then.put(segment.clock().metric(), segment));
        if (then.isEmpty()) {
            throw ProblemException.notFound("No SLA clock of ticket " + ticketId + " had started at " + at + ".");
        }
        List<Exemptions.Exemption> made = exemptions.of(ticketId);
        List<ClockView> clocks = then.values().stream().map(s -> ClockView.of(s.clock(), at, calendar,
                s.clock().state() == ClockState.EXEMPTED ? exemptionOf(s.clock(), made) : null)).toList();
        return new TicketSlaView(ticket.ticketId(), ticket.organizationId(), ticket.policyId(), ticket.policyVersion(),
                ticket.calendarId(), ticket.zone().getId(), clocks.get(0).severity(), at, ticket.withoutTargets(),
                clocks);
    }

    /** At most this many tickets per list read (a portal's page of tickets). */
    static final int MOST_TICKETS_PER_READ = 100;

    /**
     * Several tickets' clocks now, in one request and a fixed number of statements: the SLA cells of a list of tickets.
     * Tickets the caller may not read, or that the sla-service has not seen yet, are left out (as a 404 would say).
     */
    @Operation(description = "Several tickets' SLA clocks now, in the order asked (ticketId repeated or comma "
            + "separated, 1 to 100). Tickets unknown to the sla-service or, for contacts, of another organisation are "
            + "left out of items.")
    @GetMapping("/api/sla/tickets")
    public TicketSlaList list(@Parameter(description = "A ticket id; repeat it (or separate ids by commas), at most 100")
                              @RequestParam(name = "ticketId", required = false) List<String> ticketIds,
                              Caller caller) {
        List<String> wanted = ticketIds(ticketIds);
        Map<String, SlaTicket> found = tickets.findAll(wanted);
        List<String> readable = wanted.stream()
                .filter(id -> found.containsKey(id) && caller.mayRead(found.get(id).organizationId())).toList();
        if (readable.isEmpty()) {
            return new TicketSlaList(List.of());
        }
        Map<String, List<TicketStore.TimedClock>> clocks = tickets.timedClocks(readable);
        Map<String, List<Exemptions.Exemption>> made = exemptions.pendingFor(readable);
        Instant now = clock.instant();
        List<TicketSlaView> items = readable.stream().map(id -> {
            SlaTicket ticket = found.get(id);
            BusinessCalendar calendar = calendars.of(ticket);
            List<Exemptions.Exemption> exempted = made.getOrDefault(id, List.of());
            List<ClockView> views = clocks.getOrDefault(id, List.of()).stream()
                    .map(timed -> ClockView.of(timed.clock(), now, calendar, exemptionOf(timed.clock(), exempted)))
                    .toList();
            return new TicketSlaView(ticket.ticketId(), ticket.organizationId(), ticket.policyId(),
                    ticket.policyVersion(), ticket.calendarId(), ticket.zone().getId(), ticket.severity().name(), null,
                    ticket.withoutTargets(), views);
        }).toList();
        return new TicketSlaList(items);
    }

    private static List<String> ticketIds(List<String> asked) {
        if (asked == null || asked.isEmpty()) {
            throw ProblemException.invalid("ticketId", "name at least one ticket: ?ticketId=<id>&ticketId=<id>");
        }
        List<String> ids = asked.stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        if (ids.isEmpty()) {
            throw ProblemException.invalid("ticketId", "name at least one ticket: ?ticketId=<id>&ticketId=<id>");
        }
        if (ids.size() > MOST_TICKETS_PER_READ) {
            throw ProblemException.invalid("ticketId", "at most " + MOST_TICKETS_PER_READ + " tickets per read, "
                    + ids.size() + " were asked");
        }
        for (String id : ids) {
            if (id.length() > 64 || !id.matches("[A-Za-z0-9-]+")) {
                throw ProblemException.invalid("ticketId", "a ticket id is letters, digits and dashes, at most 64");
            }
        }
        return ids;
    }

    /** Several tickets' SLA documents, in the order asked. */
    public record TicketSlaList(List<TicketSlaView> items) {
    }

    private static ExemptionView exemptionOf(SlaClock clock, List<Exemptions.Exemption> made) {
        if (clock.state() != ClockState.EXEMPTED) {
            return null;
        }
        return made.stream().filter(e -> e.metric() == clock.metric() && e.clockStartedAt().equals(clock.startedAt()))
                .findFirst().map(e -> new ExemptionView(e.reason().name(), e.note(), e.exemptedBy(), e.exemptedAt()))
                .orElse(null);
    }

    /** Each clock's segments: running, paused (why), re-targeted (from which severity), met, breached. */
    @Operation(description = "Each clock's segments in order: RUNNING, PAUSED (reason), RETARGETED (previous and new "
            + "severity), MET, BREACHED, EXEMPTED (reason), each from its transition to the next; NEXT_REPLY lists "
            + "every next-reply clock one after the other. Contacts: their own organisation's only.")
    @GetMapping("/api/sla/tickets/{ticketId}/timeline")
    public TimelineView timeline(@PathVariable String ticketId, Caller caller) {
        SlaTicket ticket = readable(ticketId, caller);
        Map<Metric, List<ClockSegment>> byMetric = new EnumMap<>(Metric.class);
        segments.of(ticketId).forEach(s -> byMetric.computeIfAbsent(s.clock().metric(), m -> new ArrayList<>()).add(s));
        List<ClockTimeline> clocks = new ArrayList<>();
        byMetric.forEach((metric, list) -> {
            List<SegmentView> views = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                views.add(SegmentView.of(list.get(i), i + 1 < list.size() ? list.get(i + 1).at() : null));
            }
            clocks.add(new ClockTimeline(metric.name(), views));
        });
        return new TimelineView(ticket.ticketId(), clocks);
    }

    private SlaTicket readable(String ticketId, Caller caller) {
        return tickets.find(ticketId)
                .filter(found -> caller.mayRead(found.organizationId()))
                .orElseThrow(() -> ProblemException.notFound("No SLA clocks for ticket " + ticketId + "."));
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("asOf", "must be an ISO-8601 instant, such as 2026-11-23T10:15:00Z");
        }
    }

    /**
     * {@code asOf}: the instant the document describes (null: now). {@code withoutTargets}: the ticket's policy gives
     * its type no targets, so it has no clocks.
     */
    public record TicketSlaView(String ticketId, String organizationId, String policyId, long policyVersion,
                                String calendarId, String timeZone, String severity, Instant asOf,
                                boolean withoutTargets, List<ClockView> clocks) {
    }

    /** Why and by whom an EXEMPTED clock was exempted. */
    public record ExemptionView(String reason, String note, String exemptedBy, Instant exemptedAt) {
    }

    /**
     * {@code elapsed}: business time used against the target (paused time excluded); {@code remaining}: what is left
     * of the target (negative once past it), both ISO-8601 durations, null without a target.
     */
    public record ClockView(String metric, String state, String severity, String target, Instant startedAt,
                            Instant dueAt, String pausedFor, BigDecimal elapsedPercent, String elapsed,
                            String remaining, Instant metAt, Instant breachedAt, Instant exemptedAt,
                            ExemptionView exemption) {

        static ClockView of(SlaClock clock, Instant now, BusinessCalendar calendar, ExemptionView exemption) {
            Duration used = clock.target() == null ? null : clock.used(now, calendar);
            return new ClockView(clock.metric().name(), clock.state().name(), clock.severity().name(),
                    clock.target() == null ? null : clock.target().toString(), clock.startedAt(), clock.dueAt(),
                    clock.pausedFor(now, calendar).toString(), clock.elapsedPercent(now, calendar),
                    used == null ? null : used.toString(), used == null ? null : clock.target().minus(used).toString(),
                    clock.metAt(), clock.breachedAt(), clock.exemptedAt(), exemption);
        }
    }

    public record TimelineView(String ticketId, List<ClockTimeline> clocks) {
    }

    public record ClockTimeline(String metric, List<SegmentView> segments) {
    }

    /**
     * One segment, from its transition to the next ({@code to} null: still so). {@code severity} is the clock's
     * severity in it; {@code previousSeverity} what a RETARGETED clock had before; {@code reason} why it PAUSED.
     */
    public record SegmentView(String kind, Instant from, Instant to, String reason, String severity,
                              String previousSeverity, String state, Instant dueAt) {

        static SegmentView of(ClockSegment segment, Instant to) {
            return new SegmentView(segment.kind().name(), segment.at(), to, segment.reason(),
                    segment.clock().severity().name(),
                    segment.previousSeverity() == null ? null : segment.previousSeverity().name(),
                    segment.clock().state().name(), segment.clock().dueAt());
        }
    }
}
