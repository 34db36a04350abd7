package dev.helpdesk.sla.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.calendar.CalendarDocument;
import dev.helpdesk.sla.calendar.CalendarRepository;
import dev.helpdesk.sla.clock.ClockState;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.WhatIf;
import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.sla.policy.PolicyDocument;
import dev.helpdesk.sla.policy.PolicyRepository;
import dev.helpdesk.sla.policy.SlaPolicy;
import dev.helpdesk.sla.ticket.SlaTicket;
import dev.helpdesk.sla.ticket.TicketStore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the clocks of past tickets would have been under another policy (by id, or given inline), against what
 * they were. The simulated policy's calendar is read in each ticket's zone; paused time and stop times are the
 * real ones.
 *
 * <p>Results come in pages of at most {@code pageSize} tickets ({@link #MAX_TICKETS}, the default), the oldest of the
 * range first: the answer states how many tickets the range holds ({@code ticketsInRange}), how many this page
 * considered, and the cursor of the next page ({@code next}, sent back as {@code after}). A page costs a fixed number
 * of statements (the count, the page's tickets, their clocks), whatever its size; each clock's target is at most
 * {@link SlaPolicy#MAX_TARGET}.
 */
@RestController
public class SimulationController {

    /** The most tickets one simulation considers. */
    public static final int MAX_TICKETS = 5_000;

    private final TicketStore tickets;
    private final PolicyRepository policies;
    private final CalendarRepository calendars;
    private final ObjectMapper json;
    private final Clock clock;

    public SimulationController(TicketStore tickets, PolicyRepository policies, CalendarRepository calendars,
                                ObjectMapper json, Clock clock) {
        this.tickets = tickets;
        this.policies = policies;
        this.calendars = calendars;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/api/sla/simulations")
    @PreAuthorize("hasAnyRole('analyst', 'admin', 'manager')")
    public Simulation simulate(@RequestBody SimulationRequest request) {
        if (request == null) {
            throw ProblemException.invalid("policy", "is required");
        }
        SlaPolicy policy = policy(request.policy());
        CalendarDocument calendar = calendars.find(policy.calendarId())
                .orElseThrow(() -> ProblemException.invalid("policy.calendarId", "unknown calendar " + policy.calendarId()));
        Instant from = ComplianceController.instant(request.from(), "from", false);
        Instant to = ComplianceController.instant(request.to(), "to", true);
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("to", "must be after 'from'");
        }
        int pageSize = pageSize(request.pageSize());
        TicketStore.OpenedPosition after = SimulationCursor.decode(request.after());
        Instant now = clock.instant();
        List<SimulatedClock> items = new ArrayList<>();
        Map<ClockState, Integer> actualTotals = new EnumMap<>(ClockState.class);
        Map<ClockState, Integer> simulatedTotals = new EnumMap<>(ClockState.class);
        long inRange = tickets.countOpenedBetween(request.organizationId(), from, to);
        List<SlaTicket> found = tickets.openedBetween(request.organizationId(), from, to, after, pageSize + 1);
        boolean more = found.size() > pageSize;
        List<SlaTicket> considered = more ? found.subList(0, pageSize) : found;
        Map<String, List<SlaClock>> clocksByTicket = tickets.clocks(considered.stream().map(SlaTicket::ticketId).toList());
        for (SlaTicket ticket : considered) {
            BusinessCalendar simulatedCalendar = calendar.toBusinessCalendar(ticket.zone());
            for (SlaClock actual : clocksByTicket.getOrDefault(ticket.ticketId(), List.of())) {
                SlaTicket underPolicy = new SlaTicket(ticket.ticketId(), ticket.organizationId(), ticket.type(),
                        ticket.severity(), ticket.status(), policy.id(), policy.version(), policy.calendarId(),
                        ticket.zone(), policy.targets(), policy.warningThresholds(), ticket.openedAt(),
                        !policy.hasTargets(ticket.type()));
                // a next-reply clock started at a contact's comment, not at the opening
                Instant startedFrom = actual.metric() == Metric.NEXT_REPLY ? actual.startedAt() : ticket.openedAt();
                WhatIf whatIf = WhatIf.of(actual, startedFrom,
                        underPolicy.target(actual.metric(), actual.severity()), simulatedCalendar, now);
                items.add(new SimulatedClock(ticket.ticketId(), actual.metric().name(), actual.severity().name(),
                        new Outcome(actual.state().name(), actual.target() == null ? null : actual.target().toString(), actual.dueAt()),
                        new Outcome(whatIf.state().name(), whatIf.target() == null ? null : whatIf.target().toString(), whatIf.dueAt())));
                actualTotals.merge(actual.state(), 1, Integer::sum);
                simulatedTotals.merge(whatIf.state(), 1, Integer::sum);
            }
        }
        String next = null;
        if (more) {
            SlaTicket last = considered.get(considered.size() - 1);
            next = SimulationCursor.encode(new TicketStore.OpenedPosition(last.openedAt(), last.ticketId()));
        }
        return new Simulation(policy.id(), from, to, request.organizationId(), actualTotals, simulatedTotals, items,
                considered.size(), pageSize, more, inRange, next);
    }

    private static int pageSize(Integer requested) {
        if (requested == null) {
            return MAX_TICKETS;
        }
        if (requested < 1 || requested > MAX_TICKETS) {
            throw ProblemException.invalid("pageSize", "must be between 1 and " + MAX_TICKETS);
        }
        return requested;
    }

    private SlaPolicy policy(JsonNode given) {
        if (given == null || given.isNull()) {
            throw ProblemException.invalid("policy", "is required (a policy id or a policy)");
        }
        if (given.isTextual()) {
            return policies.find(given.asText())
                    .orElseThrow(() -> ProblemException.invalid("policy", "unknown policy " + given.asText())).toPolicy();
        }
        PolicyDocument document;
        try {
            document = json.treeToValue(given, PolicyDocument.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ProblemException.invalid("policy", "is not a policy");
        }
        try {
            return document.with(document.id() == null ? "simulated" : document.id(), 0L).toPolicy();
        } catch (ProblemException invalid) {
            // the fields of an inline policy are named from the request's root: policy.targets.S1.firstResponse
            throw ProblemException.invalid(invalid.errors().stream()
                    .map(error -> new FieldError("policy." + error.field(), error.message())).toList());
        }
    }

    public record SimulationRequest(
            @Schema(description = "A policy id, or a policy (as PUT /api/sla/policies/{id} takes it: targets "
                    + "positive and at most P366D of business time, else 400 naming policy.targets.<severity>.<metric>)")
            JsonNode policy,
            String from, String to, String organizationId,
            @Schema(description = "Tickets per page, 1 to 5000 (the default); 400 otherwise.")
            Integer pageSize,
            @Schema(description = "The previous page's `next`: where this page starts; absent for the first page. "
                    + "Send the same policy, range and organisation with it.")
            String after) {
    }

    /**
     * @param considered how many tickets were simulated (the oldest of the range first)
     * @param limit      the most tickets a simulation considers
     * @param truncated  whether the range held more tickets than the limit (those were not simulated)
     */
    /** {@code actual} and {@code simulated} count the clocks of this page by state. */
    public record Simulation(String policyId, Instant from, Instant to, String organizationId,
                             Map<ClockState, Integer> actual, Map<ClockState, Integer> simulated,
                             List<SimulatedClock> items,
                             @Schema(description = "How many tickets this page simulated, the oldest of the range first.")
                             int considered,
                             @Schema(description = "The page size used: the most tickets one page considers (at most 5000).")
                             int limit,
                             @Schema(description = "Whether the range holds more tickets after this page: ask for them "
                                     + "with `after` set to `next`.")
                             boolean truncated,
                             @Schema(description = "How many tickets the range holds (every page together).")
                             long ticketsInRange,
                             @Schema(description = "The cursor of the next page (send it as `after`); null on the last page.")
                             String next) {
    }

    public record SimulatedClock(String ticketId, String metric, String severity, Outcome actual, Outcome simulated) {
    }

    public record Outcome(String state, String target, Instant dueAt) {
    }
}
