package dev.helpdesk.sla.ticket;

import dev.helpdesk.pipeline.AfterCommit;
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
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.sla.policy.OrganizationRepository;
import dev.helpdesk.sla.policy.SlaPolicy;
import dev.helpdesk.sla.settings.SettingsCache;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a poll of ticket-service events to the SLA clocks in the pipeline's transaction (the pipeline records the
 * event ids in the same transaction and drops repeats). Statements per poll, not per event: the tickets the events
 * change are locked and read at once (none for openings), policies, calendars and organisations come from memory
 * ({@link SettingsCache}), the events are applied in order in memory, and then one statement stores the new tickets
 * and all clocks, one the tickets' new severities and statuses, two the outbox events.
 */
@Component
public class TicketEventApplier {

    private static final Logger log = LoggerFactory.getLogger(TicketEventApplier.class);

    private final TicketStore tickets;
    private final SettingsCache settings;
    private final OrganizationRepository organizations;
    private final ClockRecorder recorder;

    public TicketEventApplier(TicketStore tickets, SettingsCache settings, OrganizationRepository organizations,
                              ClockRecorder recorder) {
        this.tickets = tickets;
        this.settings = settings;
        this.organizations = organizations;
        this.recorder = recorder;
    }

    /** A ticket while the poll is applied: its latest state and clocks. */
    private static final class Work {
        SlaTicket ticket;
        List<SlaClock> clocks;
        final BusinessCalendar calendar;
        final TicketStore.NewTicket opened;
        boolean changedAfterOpening;
        boolean updated;

        Work(SlaTicket ticket, List<SlaClock> clocks, BusinessCalendar calendar, TicketStore.NewTicket opened) {
            this.ticket = ticket;
            this.clocks = clocks;
            this.calendar = calendar;
            this.opened = opened;
        }
    }

    /** What one poll collects before it is stored. */
    private final class Poll {
        final Map<String, Work> works = new LinkedHashMap<>();
        final Map<String, OrganizationRepository.Contract> registered = new LinkedHashMap<>();
        final List<ClockRecorder.TicketChange> changes = new ArrayList<>();
        String correlationId;
        TraceHeaders trace;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(InboundBatch batch) {
        Poll poll = new Poll();
        lockChangedTickets(batch, poll);
        batch.forEach(event -> {
            poll.correlationId = event.envelope().correlationId();
            poll.trace = event.trace();
            applyOne(event, poll);
        });
        store(poll);
    }

    /** Locks and reads the stored tickets that events other than openings change (two statements, none if none). */
    private void lockChangedTickets(InboundBatch batch, Poll poll) {
        Set<String> ticketIds = new LinkedHashSet<>();
        for (InboundEvent event : batch.events()) {
            String ticketId = changedTicket(event.data());
            if (ticketId != null) {
                ticketIds.add(ticketId);
            }
        }
        if (ticketIds.isEmpty()) {
            return;
        }
        Map<String, SlaTicket> locked = tickets.lockAll(ticketIds);
        if (locked.isEmpty()) {
            return;
        }
        Map<String, List<TicketStore.TimedClock>> clocks = tickets.timedClocks(locked.keySet());
        locked.forEach((id, ticket) -> poll.works.put(id, new Work(ticket,
                clocks.getOrDefault(id, List.of()).stream().map(TicketStore.TimedClock::clock).toList(),
                settings.calendar(ticket.calendarId(), ticket.zone()), null)));
    }

    private static String changedTicket(Object event) {
        if (event instanceof CommentAddedEvent comment) {
            return comment.ticketId();
        } else if (event instanceof TicketStatusChangedEvent changed) {
            return changed.ticketId();
        } else if (event instanceof TicketReopenedEvent reopened) {
            return reopened.ticketId();
        } else if (event instanceof SeverityChangedEvent severity) {
            return severity.ticketId();
        }
        return null;
    }

    private void applyOne(InboundEvent inbound, Poll poll) {
        Object event = inbound.data();
        if (event instanceof OrganizationRegisteredEvent registered) {
            poll.registered.put(registered.organizationId(), new OrganizationRepository.Contract(
                    name(registered.plan()), name(registered.calendar()), registered.timeZone()));
        } else if (event instanceof TicketOpenedEvent opened) {
            open(opened, poll);
        } else if (event instanceof CommentAddedEvent comment) {
            if (comment.authorKind() == ActorKind.STAFF && comment.visibility() == Visibility.PUBLIC) {
                onTicket(comment.ticketId(), ms(comment.addedAt()), poll, (ticket, clocks) -> {
                    clocks.change(Metric.FIRST_RESPONSE, clock -> clock.meet(ms(comment.addedAt()), clocks.calendar()));
                    return ticket;
                });
            }
        } else if (event instanceof TicketStatusChangedEvent changed) {
            onTicket(changed.ticketId(), ms(changed.changedAt()), poll, (ticket, clocks) -> statusChanged(ticket, clocks,
                    changed.from(), changed.to(), ms(changed.changedAt())));
        } else if (event instanceof TicketReopenedEvent reopened) {
            onTicket(reopened.ticketId(), ms(reopened.reopenedAt()), poll, (ticket, clocks) -> statusChanged(ticket, clocks,
                    TicketStatus.RESOLVED, TicketStatus.IN_PROGRESS, ms(reopened.reopenedAt())));
        } else if (event instanceof SeverityChangedEvent severity) {
            onTicket(severity.ticketId(), ms(severity.changedAt()), poll, (ticket, clocks) -> retarget(ticket, clocks, severity));
        }
    }

    private void open(TicketOpenedEvent opened, Poll poll) {
        if (poll.works.containsKey(opened.ticketId())) {
            log.info("Ticket {} is already known; opening ignored", opened.ticketId());
            return;
        }
        Instant openedAt = ms(opened.openedAt());
        OrganizationRepository.Organization organization = organization(opened.organizationId(), poll);
        String policyId = organization.assignedPolicy();
        boolean assigned = policyId != null;
        OrganizationRepository.Contract contract = organization.contract();
        if (!assigned) {
            String plan = opened.plan() != null ? opened.plan().name() : contract.plan();
            policyId = plan == null ? "standard" : plan.toLowerCase(Locale.ROOT);
        }
        SettingsCache.CachedPolicy cached = settings.policy(policyId).or(() -> settings.policy("standard"))
                .orElseThrow(() -> new IllegalStateException("no SLA policy to apply"));
        SlaPolicy policy = cached.policy();
        // The organisation's coverage calendar decides, unless an admin gave it a policy of its own.
        String calendarKind = opened.calendar() != null ? opened.calendar().name() : contract.calendarKind();
        String calendarId = assigned || calendarKind == null ? policy.calendarId()
                : CalendarKind.TWENTY_FOUR_SEVEN.name().equals(calendarKind) ? "24x7" : "business-hours";
        String zoneName = opened.timeZone() != null ? opened.timeZone() : contract.timeZone();
        ZoneId zone = zoneName == null ? ZoneOffset.UTC : ZoneId.of(zoneName);
        SlaTicket ticket = new SlaTicket(opened.ticketId(), opened.organizationId(), opened.type(), opened.severity(),
                TicketStatus.NEW, policy.id(), cached.document().version(), calendarId, zone, policy.targets(),
                policy.warningThresholds(), openedAt);
        BusinessCalendar calendar = settings.calendar(calendarId, zone);
        List<SlaClock> clocks = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            ClockChange started = SlaClock.start(ticket.ticketId(), metric, ticket.severity(),
                    ticket.target(metric, ticket.severity()), ticket.warningThresholds(), openedAt, calendar);
            clocks.add(started.clock());
            poll.changes.add(new ClockRecorder.TicketChange(ticket, started, calendar, poll.correlationId, poll.trace,
                    null, null));
        }
        poll.works.put(ticket.ticketId(), new Work(ticket, clocks, calendar,
                new TicketStore.NewTicket(ticket, cached.document().targets())));
    }

    /** A registration earlier in the poll counts; otherwise what the service knows (from memory when it can). */
    private OrganizationRepository.Organization organization(String organizationId, Poll poll) {
        OrganizationRepository.Organization known = settings.organization(organizationId);
        OrganizationRepository.Contract registered = poll.registered.get(organizationId);
        return registered == null ? known : new OrganizationRepository.Organization(registered, known.assignedPolicy());
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

    private void onTicket(String ticketId, Instant at, Poll poll,
                          BiFunction<SlaTicket, TicketClocks, SlaTicket> change) {
        Work work = poll.works.get(ticketId);
        if (work == null) {
            log.warn("Event for unknown ticket {} skipped (its opening was never seen)", ticketId);
            return;
        }
        TicketClocks clocks = new TicketClocks(work.clocks, work.calendar);
        SlaTicket updated = change.apply(work.ticket, clocks);
        Map<Metric, SlaClock> before = new EnumMap<>(Metric.class);
        work.clocks.forEach(clock -> before.put(clock.metric(), clock));
        List<SlaClock> after = new ArrayList<>();
        for (ClockChange clockChange : clocks.changes()) {
            after.add(clockChange.clock());
            poll.changes.add(new ClockRecorder.TicketChange(updated, clockChange, work.calendar, poll.correlationId,
                    poll.trace, before.get(clockChange.clock().metric()), at));
        }
        work.clocks = after;
        work.ticket = updated;
        work.updated = true;
        work.changedAfterOpening = work.opened != null;
    }

    /**
     * Stores the poll. An opening of a ticket that turns out to be known already (not locked above, since no other
     * event of the poll changed it) is dropped with its clocks; if later events of the poll changed it, the poll
     * fails so that the pipeline applies its events one at a time, and they apply to the stored ticket.
     */
    private void store(Poll poll) {
        organizations.recordContracts(poll.registered.entrySet().stream()
                .map(entry -> new OrganizationRepository.Registration(entry.getKey(), entry.getValue())).toList());
        List<TicketStore.NewTicket> opened = new ArrayList<>();
        List<SlaTicket> updated = new ArrayList<>();
        for (Work work : poll.works.values()) {
            if (work.opened != null) {
                opened.add(new TicketStore.NewTicket(work.ticket, work.opened.targets()));
            } else if (work.updated) {
                updated.add(work.ticket);
            }
        }
        Set<String> inserted = recorder.recordAll(opened, poll.changes, null);
        for (TicketStore.NewTicket ticket : opened) {
            String ticketId = ticket.ticket().ticketId();
            if (!inserted.contains(ticketId)) {
                if (poll.works.get(ticketId).changedAfterOpening) {
                    throw new IllegalStateException("ticket " + ticketId + " was opened before; apply one at a time");
                }
                log.info("Ticket {} is already known; opening ignored", ticketId);
            }
        }
        tickets.updateAll(updated);
        Set<String> registered = Set.copyOf(poll.registered.keySet());
        if (!registered.isEmpty()) {
            AfterCommit.run(() -> registered.forEach(settings::evictOrganization));
        }
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
