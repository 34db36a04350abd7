package dev.helpdesk.escalations.escalation;

import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.version.IfMatch;
import dev.helpdesk.escalations.config.TopicNames;
import dev.helpdesk.escalations.domain.AcknowledgementDeadline;
import dev.helpdesk.escalations.domain.CalendarTimeline;
import dev.helpdesk.escalations.domain.EscalationPolicy;
import dev.helpdesk.escalations.domain.EscalationState;
import dev.helpdesk.escalations.domain.Ladder;
import dev.helpdesk.escalations.domain.LadderLevel;
import dev.helpdesk.escalations.domain.TicketFacts;
import dev.helpdesk.escalations.domain.Trigger;
import dev.helpdesk.escalations.ladder.LadderRepository;
import dev.helpdesk.escalations.organization.OrganizationCalendars;
import dev.helpdesk.escalations.organization.RelationshipManagers;
import dev.helpdesk.escalations.organization.SupportManagers;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.escalation.EscalationAcknowledgedEvent;
import dev.helpdesk.events.escalation.EscalationClosedEvent;
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.events.sla.SlaOrganizationCalendarChangedEvent;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applies the escalation rules to what happens to tickets. Every change of a ticket's escalations runs under the
 * lock of the ticket's row, so that concurrent consumers, timers and requests (on any instance) see each other.
 */
@Service
@Transactional
public class EscalationService {

    private static final Logger log = LoggerFactory.getLogger(EscalationService.class);
    public static final String SYSTEM = "system";
    /** Escalation events are published in the stream of their ticket (key and subject: the ticket id). */
    static final String AGGREGATE_TYPE = "Escalation";

    private final EscalationPolicy policy = new EscalationPolicy();
    private final TicketMirror tickets;
    private final EscalationRepository escalations;
    private final LadderRepository ladders;
    private final OutboxWriter outbox;
    private final TopicNames topics;
    private final EscalationMetrics metrics;
    private final DeferredSlaTriggers deferred;
    private final OrganizationCalendars calendars;
    private final RelationshipManagers relationshipManagers;
    private final SupportManagers supportManagers;
    private final Clock clock;

    public EscalationService(TicketMirror tickets, EscalationRepository escalations, LadderRepository ladders,
                             OutboxWriter outbox, TopicNames topics, EscalationMetrics metrics, DeferredSlaTriggers deferred,
                             OrganizationCalendars calendars, RelationshipManagers relationshipManagers,
                             SupportManagers supportManagers, Clock clock) {
        this.tickets = tickets;
        this.escalations = escalations;
        this.ladders = ladders;
        this.outbox = outbox;
        this.topics = topics;
        this.metrics = metrics;
        this.deferred = deferred;
        this.calendars = calendars;
        this.relationshipManagers = relationshipManagers;
        this.supportManagers = supportManagers;
        this.clock = clock;
    }

    public void onOrganizationRegistered(String organizationId, Plan plan, CalendarKind calendar, String timeZone,
                                         String supportManager, String relationshipManager) {
        tickets.registerOrganization(organizationId, plan, calendar, timeZone, supportManager);
        relationshipManagers.registered(organizationId, relationshipManager);
        supportManagers.registered(organizationId, supportManager);
        if (supportManager != null && !supportManager.isBlank()) {
            escalations.assignSupportManager(organizationId, supportManager, plan.name());
        }
    }

    public void onTicketOpened(String ticketId, String organizationId, Plan plan, CalendarKind calendar, String timeZone,
                               Severity severity) {
        tickets.ticketOpened(ticketId, organizationId, plan, calendar, timeZone, severity);
        List<SlaTrigger> waiting = deferred.takeAll(ticketId);
        if (!waiting.isEmpty()) {
            TicketRow ticket = tickets.lock(ticketId).orElseThrow();
            waiting.forEach(trigger -> applySlaTrigger(ticket, trigger));
        }
    }

    public void onSlaBreach(String ticketId, String organizationId, Severity severity) {
        onSlaTrigger(new SlaTrigger(ticketId, organizationId, Trigger.SLA_BREACH, severity, null));
    }

    public void onSlaWarning(String ticketId, String organizationId, Severity severity, int thresholdPercent) {
        onSlaTrigger(new SlaTrigger(ticketId, organizationId, Trigger.SLA_WARNING, severity, thresholdPercent));
    }

    private void onSlaTrigger(SlaTrigger trigger) {
        tickets.ensureTicket(trigger.ticketId(), trigger.organizationId(), trigger.severity());
        TicketRow ticket = tickets.lock(trigger.ticketId()).orElseThrow();
        if (ticket.plan() == null) {
            log.info("{} of ticket {} arrived before its opening; deferred", trigger.trigger(), trigger.ticketId());
            deferred.defer(trigger);
            return;
        }
        applySlaTrigger(ticket, trigger);
    }

    /**
     * For a warning, the severity that counts is the warning's own (the clock's, which the sla-service re-targets on
     * every severity change, so it matches the warning even while this service is behind on the tickets topic); the
     * severity tracked from the tickets topic stands in when a warning does not carry one.
     */
    private void applySlaTrigger(TicketRow ticket, SlaTrigger trigger) {
        TicketFacts facts = factsOf(ticket);
        OptionalInt level = trigger.trigger() == Trigger.SLA_BREACH
                ? policy.onSlaBreach(facts)
                : policy.onSlaWarning(trigger.severity() == null ? facts
                        : new TicketFacts(facts.resolved(), trigger.severity(), facts.highestLevelRaised()), trigger.thresholdPercent());
        level.ifPresent(l -> raise(ticket, l, trigger.trigger(), SYSTEM));
    }

    public void onEscalationRequest(String ticketId, String organizationId, String requestedBy) {
        tickets.ensureTicket(ticketId, organizationId, null);
        raiseIfDue(ticketId, Trigger.CUSTOMER_REQUEST, requestedBy, policy::onEscalationRequest);
    }

    /** The acknowledgement deadline of an escalation passed: advance to the next level if the rules say so. */
    public void onAcknowledgementDue(UUID escalationId) {
        Escalation due = escalations.find(escalationId).orElseThrow();
        TicketRow ticket = tickets.lock(due.ticketId()).orElseThrow();
        Escalation current = escalations.find(escalationId).orElseThrow();
        TicketFacts facts = factsOf(ticket);
        policy.onAcknowledgementTimeout(facts, current.level(), current.state())
                .ifPresent(level -> raise(ticket, level, Trigger.ACKNOWLEDGEMENT_TIMEOUT, SYSTEM));
    }

    /**
     * The organisation's terms changed: its relationship manager (null: none) is named on the levels raised from
     * {@code effectiveFrom}; when {@code supportManagerChanged}, its support manager (null: none) too, and once the
     * change is in force (applied at or after {@code effectiveFrom}) the OPEN levels the named support manager takes
     * go over to the one in force (docs/escalation-calendars.md, "Terms changes"). The other terms are not followed here.
     */
    public void onOrganizationTermsChanged(String organizationId, String relationshipManager, boolean supportManagerChanged,
                                           String supportManager, Instant effectiveFrom) {
        relationshipManagers.changed(organizationId, relationshipManager, effectiveFrom);
        if (!supportManagerChanged) {
            return;
        }
        Instant now = now();
        supportManagers.changed(organizationId, supportManager, effectiveFrom, now);
        if (effectiveFrom.isAfter(now)) {
            log.info("Organisation {} names support manager {} from {}", organizationId, supportManager, effectiveFrom);
            return;
        }
        int reassigned = 0;
        for (UUID escalationId : escalations.openOf(organizationId)) {
            reassigned += reassignToSupportManager(escalationId, now) ? 1 : 0;
        }
        log.info("Organisation {} names support manager {} from {}: {} open level(s) reassigned", organizationId,
                supportManager, effectiveFrom, reassigned);
    }

    private boolean reassignToSupportManager(UUID escalationId, Instant now) {
        Escalation found = escalations.find(escalationId).orElseThrow();
        TicketRow ticket = tickets.lock(found.ticketId()).orElseThrow();
        Escalation current = escalations.find(escalationId).orElseThrow();
        Ladder ladder = ladders.find(ticket.planOrDefault());
        return ladder.reassignedTo(current.level(), current.state(), current.assignee(),
                        supportManagers.inForceAt(ticket.organizationId(), now))
                .map(assignee -> {
                    escalations.reassign(escalationId, assignee);
                    log.info("Level {} of ticket {}: reassigned from {} to {}", current.level(), current.ticketId(),
                            current.assignee(), assignee);
                    return true;
                }).orElse(false);
    }

    /**
     * The sla-service published the calendar an organisation's deadlines count on from {@code effectiveFrom}. Stored
     * unless a newer event of the organisation was applied; then every open level of its tickets whose deadline has
     * not passed is recomputed from the instant it was raised, and its durable timer moved with it.
     */
    public void onOrganizationCalendarChanged(SlaOrganizationCalendarChangedEvent event, long sequence) {
        if (!calendars.store(event, sequence)) {
            log.info("Calendar event {} of organisation {} is older than the one applied; ignored", sequence,
                    event.organizationId());
            return;
        }
        Instant now = now();
        int moved = 0;
        for (UUID escalationId : escalations.openWithDeadlineAfter(event.organizationId(), now)) {
            moved += moveDeadline(escalationId, now) ? 1 : 0;
        }
        log.info("Organisation {} counts on calendar {} v{} from {}: {} open deadline(s) moved", event.organizationId(),
                event.calendarId(), event.calendarVersion(), event.effectiveFrom(), moved);
    }

    /**
     * Locks the level's pending timer first, then its ticket (the order the timer poller takes them in), so that a
     * deadline is never moved under its firing.
     */
    private boolean moveDeadline(UUID escalationId, Instant now) {
        if (!escalations.lockPendingTimer(escalationId)) {
            return false;
        }
        Escalation found = escalations.find(escalationId).orElseThrow();
        TicketRow ticket = tickets.lock(found.ticketId()).orElseThrow();
        Escalation current = escalations.find(escalationId).orElseThrow();
        return AcknowledgementDeadline.moved(current.state(), current.raisedAt(), current.acknowledgeBy(),
                        current.acknowledgeWithin(), calendarOf(ticket), now)
                .map(acknowledgeBy -> {
                    escalations.moveDeadline(escalationId, acknowledgeBy);
                    log.info("Level {} of ticket {}: deadline moved from {} to {}", current.level(), current.ticketId(),
                            current.acknowledgeBy(), acknowledgeBy);
                    return true;
                }).orElse(false);
    }

    /** The ticket's organisation's published calendars, the ticket's coverage kind and zone before the first. */
    private CalendarTimeline calendarOf(TicketRow ticket) {
        return calendars.timeline(ticket.organizationId(), ticket.fallbackCalendar());
    }

    /** The ticket was resolved or closed: all its escalations end. */
    public void onTicketEnded(String ticketId, String reason) {
        tickets.lock(ticketId).ifPresent(ticket -> {
            tickets.setResolved(ticketId, true);
            Instant now = now();
            outbox.appendAll(escalations.unclosedOf(ticketId).stream().map(e -> close(e, reason, now)).toList());
        });
    }

    /** The ticket is unresolved again (reopened): it may be escalated further. */
    public void onTicketUnresolved(String ticketId) {
        tickets.lock(ticketId).ifPresent(ticket -> tickets.setResolved(ticketId, false));
    }

    /** A manager acknowledges an open escalation; {@code ifMatch} (may be null) must name its current version. */
    public Escalation acknowledge(UUID escalationId, String actionPlan, String manager, String ifMatch) {
        Escalation found = escalations.find(escalationId).orElseThrow(() -> ProblemException.notFound("There is no such escalation."));
        tickets.lock(found.ticketId());
        Escalation current = escalations.find(escalationId).orElseThrow();
        IfMatch.parse(ifMatch).require(current.version(), "The escalation");
        if (!current.state().acknowledgeable()) {
            throw ProblemException.conflict("The escalation is " + current.state() + " and cannot be acknowledged.");
        }
        Instant now = now();
        escalations.acknowledge(escalationId, manager, actionPlan, now);
        outbox.append(event(current.ticketId(), EscalationEventTypes.ACKNOWLEDGED, new EscalationAcknowledgedEvent(
                escalationId.toString(), current.ticketId(), current.organizationId(), current.level(), manager, actionPlan, now),
                manager, now));
        metrics.acknowledged(current.level(), Duration.between(current.raisedAt(), now));
        return escalations.find(escalationId).orElseThrow();
    }

    private void raiseIfDue(String ticketId, Trigger trigger, String actor, Function<TicketFacts, OptionalInt> rule) {
        TicketRow ticket = tickets.lock(ticketId).orElseThrow();
        rule.apply(factsOf(ticket)).ifPresent(level -> raise(ticket, level, trigger, actor));
    }

    private TicketFacts factsOf(TicketRow ticket) {
        return new TicketFacts(ticket.resolved(), ticket.severity(), escalations.highestLevel(ticket.ticketId()));
    }

    private void raise(TicketRow ticket, int level, Trigger trigger, String actor) {
        Ladder ladder = ladders.find(ticket.planOrDefault());
        LadderLevel rung = ladder.level(level);
        Instant now = now();
        Instant acknowledgeBy = AcknowledgementDeadline.of(now, rung.acknowledgeWithin(), calendarOf(ticket));
        String relationshipManager = rung.informsRelationshipManager()
                ? relationshipManagers.inForceAt(ticket.organizationId(), now) : null;
        String supportManager = supportManagers.inForceAt(ticket.organizationId(), now);
        Escalation escalation = new Escalation(UUID.randomUUID(), ticket.ticketId(), ticket.organizationId(), level,
                rung.name(), ladder.assigneeAt(level, supportManager), rung.informsRelationshipManager(), trigger,
                EscalationState.OPEN, now, acknowledgeBy, null, null, null, null, null, 0, relationshipManager,
                rung.acknowledgeWithin());
        if (!escalations.insertWithTimer(escalation)) {
            log.info("Level {} of ticket {} was raised before; not again", level, ticket.ticketId());
            return;
        }
        List<OutboxEvent> events = new ArrayList<>();
        for (Escalation lower : escalations.unclosedOf(ticket.ticketId())) {
            if (lower.level() < level) {
                events.add(close(lower, "SUPERSEDED", now));
            }
        }
        events.add(event(ticket.ticketId(), EscalationEventTypes.RAISED, new EscalationRaisedEvent(escalation.id().toString(),
                ticket.ticketId(), ticket.organizationId(), level, ladder.displayNameAt(level, supportManager),
                trigger.name(), now, acknowledgeBy, relationshipManager), actor, now));
        outbox.appendAll(events);
        metrics.raised(level, trigger);
        log.info("Ticket {} escalated to level {} ({}), to acknowledge by {}", ticket.ticketId(), level, trigger, acknowledgeBy);
    }

    /** Closes the escalation and answers the event that says so, for the caller to publish with the others. */
    private OutboxEvent close(Escalation escalation, String reason, Instant at) {
        escalations.close(escalation.id(), reason, at);
        return event(escalation.ticketId(), EscalationEventTypes.CLOSED, new EscalationClosedEvent(escalation.id().toString(),
                escalation.ticketId(), escalation.organizationId(), escalation.level(), reason, at), SYSTEM, at);
    }

    private OutboxEvent event(String ticketId, String type, Object data, String actor, Instant at) {
        return new OutboxEvent(topics.escalations(), ticketId, AGGREGATE_TYPE, type, at, actor, null, data);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
