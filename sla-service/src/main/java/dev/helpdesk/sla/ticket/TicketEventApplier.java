package dev.helpdesk.sla.ticket;

import dev.helpdesk.pipeline.AfterCommit;
import dev.helpdesk.pipeline.InTransaction;
import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.pipeline.replay.Rebuilding;
import dev.helpdesk.sla.organization.OrganizationCalendarPublisher;
import dev.helpdesk.sla.policy.EffectiveCalendar;
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
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

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
    private final OrganizationCalendarPublisher calendarPublisher;
    private final Exemptions exemptions;

    public TicketEventApplier(TicketStore tickets, SettingsCache settings, OrganizationRepository organizations,
                              ClockRecorder recorder, OrganizationCalendarPublisher calendarPublisher,
                              Exemptions exemptions) {
        this.tickets = tickets;
        this.settings = settings;
        this.organizations = organizations;
        this.recorder = recorder;
        this.calendarPublisher = calendarPublisher;
        this.exemptions = exemptions;
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
        /** Organisations whose calendar may have changed (registered, terms changed), with when it applies. */
        final List<CalendarTrigger> calendarTriggers = new ArrayList<>();
        /** In a replay only: the exemptions of the poll's tickets, applied where they happened. */
        Map<String, List<Exemptions.Exemption>> pendingExemptions = Map.of();
        final List<ClockRecorder.TicketChange> changes = new ArrayList<>();
        String correlationId;
        TraceHeaders trace;
    }

    /** In the pipeline's transaction (checked without a proxy: this runs once per poll). */
    public void apply(InboundBatch batch) {
        InTransaction.required("TicketEventApplier.apply");
        Poll poll = new Poll();
        lockChangedTickets(batch, poll);
        if (Rebuilding.active()) {
            poll.pendingExemptions = exemptionsOf(batch);
        }
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

    /** A replay's poll: the exemptions of every ticket it names (one statement; none when it names none). */
    private Map<String, List<Exemptions.Exemption>> exemptionsOf(InboundBatch batch) {
        Set<String> ticketIds = new LinkedHashSet<>();
        for (InboundEvent event : batch.events()) {
            String ticketId = event.data() instanceof TicketOpenedEvent opened ? opened.ticketId()
                    : changedTicket(event.data());
            if (ticketId != null) {
                ticketIds.add(ticketId);
            }
        }
        return ticketIds.isEmpty() ? Map.of() : exemptions.pendingFor(ticketIds);
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
            OrganizationRepository.Contract contract = new OrganizationRepository.Contract(
                    name(registered.plan()), name(registered.calendar()), registered.timeZone());
            poll.registered.put(registered.organizationId(), contract);
            Instant at = inbound.envelope().time() != null ? ms(inbound.envelope().time()) : Instant.EPOCH;
            poll.calendarTriggers.add(new CalendarTrigger(registered.organizationId(), contract, at,
                    inbound.envelope().correlationId()));
        } else if (event instanceof OrganizationTermsChangedEvent terms) {
            // the complete terms after the change: new tickets use them (an opening carries its own terms as well)
            OrganizationRepository.Contract contract = new OrganizationRepository.Contract(
                    name(terms.plan()), name(terms.calendar()), terms.timeZone());
            poll.registered.put(terms.organizationId(), contract);
            if (terms.changed("calendar") || terms.changed("timeZone") || terms.changed("plan")) {
                poll.calendarTriggers.add(new CalendarTrigger(terms.organizationId(), contract,
                        ms(terms.effectiveFrom()), inbound.envelope().correlationId()));
            }
        } else if (event instanceof TicketOpenedEvent opened) {
            open(opened, poll);
        } else if (event instanceof CommentAddedEvent comment) {
            if (comment.visibility() == Visibility.PUBLIC) {
                boolean byStaff = comment.authorKind() == ActorKind.STAFF;
                if (byStaff || comment.authorKind() == ActorKind.CONTACT) {
                    Instant at = ms(comment.addedAt());
                    onTicket(comment.ticketId(), at, poll,
                            (ticket, clocks) -> TicketClockRules.publicComment(ticket, clocks, byStaff, at));
                }
            }
        } else if (event instanceof TicketStatusChangedEvent changed) {
            Instant at = ms(changed.changedAt());
            onTicket(changed.ticketId(), at, poll, (ticket, clocks) -> TicketClockRules.statusChanged(ticket, clocks,
                    changed.from(), changed.to(), at));
        } else if (event instanceof TicketReopenedEvent reopened) {
            Instant at = ms(reopened.reopenedAt());
            onTicket(reopened.ticketId(), at, poll, (ticket, clocks) -> TicketClockRules.statusChanged(ticket, clocks,
                    TicketStatus.RESOLVED, TicketStatus.IN_PROGRESS, at));
        } else if (event instanceof SeverityChangedEvent severity) {
            Instant at = ms(severity.changedAt());
            onTicket(severity.ticketId(), at, poll,
                    (ticket, clocks) -> TicketClockRules.severityChanged(ticket, clocks, severity.to(), at));
        }
    }

    /**
     * An organisation's calendar may have changed: its contract after the event, from when it applies, and the
     * correlation id of the event that says so.
     */
    private record CalendarTrigger(String organizationId, OrganizationRepository.Contract contract,
                                   Instant effectiveFrom, String correlationId) {
    }

    private void open(TicketOpenedEvent opened, Poll poll) {
        if (poll.works.containsKey(opened.ticketId())) {
            log.info("Ticket {} is already known; opening ignored", opened.ticketId());
            return;
        }
        Instant openedAt = ms(opened.openedAt());
        OrganizationRepository.Organization organization = organization(opened.organizationId(), poll);
        boolean assigned = organization.assignedPolicy() != null;
        OrganizationRepository.Contract contract = organization.contract();
        String policyId = EffectiveCalendar.policyId(organization.assignedPolicy(),
                opened.plan() != null ? opened.plan().name() : contract.plan());
        SettingsCache.CachedPolicy cached = settings.policy(policyId).or(() -> settings.policy("standard"))
                .orElseThrow(() -> new IllegalStateException("no SLA policy to apply"));
        SlaPolicy policy = cached.policy();
        // The organisation's coverage calendar decides, unless an admin gave it a policy of its own.
        String calendarKind = opened.calendar() != null ? opened.calendar().name() : contract.calendarKind();
        String calendarId = EffectiveCalendar.calendarId(assigned, calendarKind, policy.calendarId());
        String zoneName = opened.timeZone() != null ? opened.timeZone() : contract.timeZone();
        ZoneId zone = zoneName == null ? ZoneOffset.UTC : ZoneId.of(zoneName);
        SlaTicket ticket = new SlaTicket(opened.ticketId(), opened.organizationId(), opened.type(), opened.severity(),
                TicketStatus.NEW, policy.id(), cached.document().version(), calendarId, zone, policy.targets(),
                policy.warningThresholds(), openedAt, !policy.hasTargets(opened.type()));
        BusinessCalendar calendar = settings.calendar(calendarId, zone);
        List<SlaClock> clocks = new ArrayList<>();
        // next replies start with contacts' comments; a type without targets gets no clock at all
        for (Metric metric : ticket.withoutTargets() ? List.<Metric>of()
                : List.of(Metric.FIRST_RESPONSE, Metric.RESOLUTION)) {
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

    private void onTicket(String ticketId, Instant at, Poll poll,
                          BiFunction<SlaTicket, TicketClocks, SlaTicket> change) {
        Work work = poll.works.get(ticketId);
        if (work == null) {
            log.warn("Event for unknown ticket {} skipped (its opening was never seen)", ticketId);
            return;
        }
        List<Exemptions.Exemption> exempting = poll.pendingExemptions.getOrDefault(ticketId, List.of());
        if (!exempting.isEmpty()) {
            // a replay applies the exemptions made before this event first, each a change of its own, as it
            // happened (docs/sla-contract.md)
            TicketClocks exempted = new TicketClocks(work.clocks, work.calendar);
            Exemptions.applyUpTo(exempting, exempted, at);
            collect(work, exempted, work.ticket, null, poll);
        }
        TicketClocks clocks = new TicketClocks(work.clocks, work.calendar);
        SlaTicket updated = change.apply(work.ticket, clocks);
        collect(work, clocks, updated, at, poll);
        work.ticket = updated;
        work.updated = true;
        work.changedAfterOpening = work.opened != null;
    }

    /** Adds the clock changes of one transition to the poll and keeps the clocks after it. */
    private void collect(Work work, TicketClocks clocks, SlaTicket updated, Instant at, Poll poll) {
        Map<Metric, SlaClock> before = new EnumMap<>(Metric.class);
        work.clocks.forEach(clock -> before.put(clock.metric(), clock));
        List<SlaClock> after = new ArrayList<>();
        for (ClockChange clockChange : clocks.changes()) {
            Metric metric = clockChange.clock().metric();
            after.add(clockChange.clock());
            if (at == null && clockChange.events().isEmpty()) {
                continue;
            }
            poll.changes.add(new ClockRecorder.TicketChange(updated, clockChange, work.calendar, poll.correlationId,
                    poll.trace, clocks.restarted(metric) ? null : before.get(metric), at));
        }
        work.clocks = after;
    }

    /**
     * Stores the poll. An opening of a ticket that turns out to be known already (not locked above, since no other
     * event of the poll changed it) is dropped with its clocks; if later events of the poll changed it, the poll
     * fails so that the pipeline applies its events one at a time, and they apply to the stored ticket.
     */
    private void store(Poll poll) {
        // each calendar change is published as it happened, in order (a registration and a terms change of one
        // organisation in one poll publish two calendars); then every organisation gets its latest contract
        for (CalendarTrigger trigger : poll.calendarTriggers) {
            organizations.recordContracts(List.of(new OrganizationRepository.Registration(trigger.organizationId(),
                    trigger.contract())));
            calendarPublisher.publishChanges(List.of(trigger.organizationId()), trigger.effectiveFrom(),
                    trigger.correlationId());
        }
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
