package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.sla.policy.OrganizationRepository;
import dev.helpdesk.sla.policy.PolicyDocument;
import dev.helpdesk.sla.policy.PolicyRepository;
import dev.helpdesk.sla.policy.SlaPolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one ticket-service event to the SLA clocks, exactly once: the event id goes into processed_event in the
 * same transaction as the clock changes and their outbox events.
 */
@Component
public class TicketEventApplier {

    private static final Logger log = LoggerFactory.getLogger(TicketEventApplier.class);

    private final JdbcTemplate jdbc;
    private final TicketStore tickets;
    private final PolicyRepository policies;
    private final OrganizationRepository organizations;
    private final TicketCalendars calendars;
    private final ClockRecorder recorder;

    public TicketEventApplier(JdbcTemplate jdbc, TicketStore tickets, PolicyRepository policies,
                              OrganizationRepository organizations, TicketCalendars calendars, ClockRecorder recorder) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.policies = policies;
        this.organizations = organizations;
        this.calendars = calendars;
        this.recorder = recorder;
    }

    /** Answers false when the event was applied before (a repeat). */
    @Transactional
    public boolean apply(String eventId, String correlationId, Object event) {
        if (jdbc.update("INSERT INTO processed_event (event_id) VALUES (?) ON CONFLICT DO NOTHING", eventId) == 0) {
            return false;
        }
        if (event instanceof OrganizationRegisteredEvent registered) {
            if (registered.organizationId() == null) {
                throw new IllegalArgumentException("organisation registration without an id");
            }
            if (registered.timeZone() != null) {
                ZoneId.of(registered.timeZone()); // an unknown zone is a malformed record
            }
            organizations.recordContract(registered.organizationId(), name(registered.plan()),
                    name(registered.calendar()), registered.timeZone());
        } else if (event instanceof TicketOpenedEvent opened) {
            open(opened, correlationId);
        } else if (event instanceof CommentAddedEvent comment) {
            if (comment.authorKind() == ActorKind.STAFF && comment.visibility() == Visibility.PUBLIC) {
                onTicket(comment.ticketId(), correlationId, (ticket, clocks) -> {
                    clocks.change(Metric.FIRST_RESPONSE, clock -> clock.meet(ms(comment.addedAt()), clocks.calendar()));
                    return ticket;
                });
            }
        } else if (event instanceof TicketStatusChangedEvent changed) {
            onTicket(changed.ticketId(), correlationId, (ticket, clocks) -> statusChanged(ticket, clocks,
                    changed.from(), changed.to(), ms(changed.changedAt())));
        } else if (event instanceof TicketReopenedEvent reopened) {
            onTicket(reopened.ticketId(), correlationId, (ticket, clocks) -> statusChanged(ticket, clocks,
                    TicketStatus.RESOLVED, TicketStatus.IN_PROGRESS, ms(reopened.reopenedAt())));
        } else if (event instanceof SeverityChangedEvent severity) {
            onTicket(severity.ticketId(), correlationId, (ticket, clocks) -> retarget(ticket, clocks, severity));
        }
        return true;
    }

    private void open(TicketOpenedEvent opened, String correlationId) {
        TicketOpenedRules.requireValid(opened);
        Instant openedAt = ms(opened.openedAt());
        String policyId = organizations.assignedPolicy(opened.organizationId()).orElse(null);
        boolean assigned = policyId != null;
        if (!assigned) {
            String plan = opened.plan() != null ? opened.plan().name() : organizations.contract(opened.organizationId()).plan();
            policyId = plan == null ? "standard" : plan.toLowerCase(Locale.ROOT);
        }
        PolicyDocument document = policies.find(policyId).or(() -> policies.find("standard"))
                .orElseThrow(() -> new IllegalStateException("no SLA policy to apply"));
        SlaPolicy policy = document.toPolicy();
        // The organisation's coverage calendar decides, unless an admin gave it a policy of its own.
        OrganizationRepository.Contract contract = organizations.contract(opened.organizationId());
        String calendarKind = opened.calendar() != null ? opened.calendar().name() : contract.calendarKind();
        String calendarId = assigned || calendarKind == null ? policy.calendarId()
                : CalendarKind.TWENTY_FOUR_SEVEN.name().equals(calendarKind) ? "24x7" : "business-hours";
        String zoneName = opened.timeZone() != null ? opened.timeZone() : contract.timeZone();
        ZoneId zone = zoneName == null ? ZoneOffset.UTC : ZoneId.of(zoneName);
        SlaTicket ticket = new SlaTicket(opened.ticketId(), opened.organizationId(), opened.type(), opened.severity(),
                TicketStatus.NEW, policy.id(), document.version(), calendarId, zone, policy.targets(),
                policy.warningThresholds(), openedAt);
        if (!tickets.insert(ticket, document.targets())) {
            log.info("Ticket {} is already known; opening ignored", opened.ticketId());
            return;
        }
        BusinessCalendar calendar = calendars.of(ticket);
        for (Metric metric : Metric.values()) {
            ClockChange started = SlaClock.start(ticket.ticketId(), metric, ticket.severity(),
                    ticket.target(metric, ticket.severity()), ticket.warningThresholds(), openedAt, calendar);
            recorder.record(ticket, started, calendar, correlationId, null);
        }
    }

    private SlaTicket statusChanged(SlaTicket ticket, TicketClocks clocks, TicketStatus from, TicketStatus to, Instant at) {
        BusinessCalendar calendar = clocks.calendar();
        if (ticket.status() == TicketStatus.RESOLVED && to == TicketStatus.IN_PROGRESS) {
            clocks.change(Metric.RESOLUTION, clock -> clock.reopen(at, calendar));
        } else if (to == TicketStatus.WAITING_ON_CUSTOMER) {
            clocks.change(Metric.RESOLUTION, clock -> clock.pause(at, calendar));
        } else if (to == TicketStatus.RESOLVED) {
            // resolving answers the customer too: an unanswered first response stops with it
            clocks.change(Metric.FIRST_RESPONSE, clock -> clock.meet(at, calendar));
            clocks.change(Metric.RESOLUTION, clock -> clock.meet(at, calendar));
        } else if (ticket.status() == TicketStatus.WAITING_ON_CUSTOMER || from == TicketStatus.WAITING_ON_CUSTOMER) {
            clocks.change(Metric.RESOLUTION, clock -> clock.resume(at, calendar));
        }
        return ticket.with(ticket.severity(), to);
    }

    private SlaTicket retarget(SlaTicket ticket, TicketClocks clocks, SeverityChangedEvent changed) {
        Instant at = ms(changed.changedAt());
        BusinessCalendar calendar = clocks.calendar();
        for (Metric metric : Metric.values()) {
            clocks.change(metric, clock -> clock.retarget(changed.to(), ticket.target(metric, changed.to()), at, calendar));
            if (ticket.status() == TicketStatus.WAITING_ON_CUSTOMER && metric == Metric.RESOLUTION) {
                clocks.change(metric, clock -> clock.pause(at, calendar));
            } else if (ticket.status() == TicketStatus.RESOLVED || ticket.status() == TicketStatus.CLOSED) {
                clocks.change(metric, clock -> clock.meet(at, calendar));
            }
        }
        return ticket.with(changed.to(), ticket.status());
    }

    private void onTicket(String ticketId, String correlationId, BiFunction<SlaTicket, TicketClocks, SlaTicket> change) {
        if (ticketId == null) {
            throw new IllegalArgumentException("ticketId is missing");
        }
        SlaTicket ticket = tickets.lock(ticketId).orElse(null);
        if (ticket == null) {
            log.warn("Event for unknown ticket {} skipped (its opening was never seen)", ticketId);
            return;
        }
        TicketClocks clocks = new TicketClocks(tickets.clocks(ticketId), calendars.of(ticket));
        SlaTicket updated = change.apply(ticket, clocks);
        for (ClockChange clockChange : clocks.changes()) {
            recorder.record(updated, clockChange, clocks.calendar(), correlationId, null);
        }
        tickets.update(updated);
    }

    private static Instant ms(Instant instant) {
        if (instant == null) {
            throw new IllegalArgumentException("the event's time is missing");
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
