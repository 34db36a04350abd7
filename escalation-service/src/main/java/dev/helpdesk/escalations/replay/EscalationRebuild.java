package dev.helpdesk.escalations.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.escalations.config.TopicNames;
import dev.helpdesk.escalations.domain.AcknowledgementDeadline;
import dev.helpdesk.escalations.domain.EscalationState;
import dev.helpdesk.escalations.domain.Ladder;
import dev.helpdesk.escalations.domain.LadderLevel;
import dev.helpdesk.escalations.domain.Trigger;
import dev.helpdesk.escalations.escalation.Escalation;
import dev.helpdesk.escalations.escalation.EscalationRepository;
import dev.helpdesk.escalations.escalation.TicketMirror;
import dev.helpdesk.escalations.inbound.TicketEventsHandler;
import dev.helpdesk.escalations.escalation.TicketRow;
import dev.helpdesk.escalations.ladder.LadderRepository;
import dev.helpdesk.escalations.organization.OrganizationCalendars;
import dev.helpdesk.escalations.organization.SupportManagers;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.escalation.EscalationAcknowledgedEvent;
import dev.helpdesk.events.escalation.EscalationClosedEvent;
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.replay.GenerationRebuild;
import dev.helpdesk.pipeline.replay.GenerationSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code escalations} projection rebuilt (docs/replays.md). Escalation decisions were taken at processing time
 * (service clock, random ids), so they are not decided again: the escalations and their acknowledgement timers come
 * from this service's own topic, helpdesk.escalations.v1 (raised: the row and its timer; acknowledged; closed), with
 * what the outbox holds and has not relayed yet; the ticket mirror ({@code organization}, {@code ticket}) comes from
 * helpdesk.tickets.v1 with the live path's mirror statements ({@link TicketEventsHandler#applyToMirror}). A next
 * generation is a schema of its own with tables shaped like the served ones (and their indexes' names) plus an empty
 * {@code processed_event} that drops repeats; the replay writes it with that schema first on the search path, in
 * transactions marked as a rebuild's: nothing goes to the outbox and no timer alarm rings. At the switch, the timers
 * due before the earliest one still pending in the served generation (the watermark) are marked fired, without
 * firing: the live poller fired them and published what they decided, which the own topic brought back.
 */
@Component
public class EscalationRebuild extends GenerationRebuild {

    static final String PROJECTION = "escalations";
    /** The generation's tables, referenced ones first (the order they are created and moved). */
    static final List<String> TABLES = List.of("organization", "ticket", "escalation", "acknowledgement_timer");
    private static final String SCHEMA_PREFIX = "esc_rebuild_";
    private static final Map<String, Class<?>> OWN_TYPES = Map.of(
            EscalationEventTypes.RAISED, EscalationRaisedEvent.class,
            EscalationEventTypes.ACKNOWLEDGED, EscalationAcknowledgedEvent.class,
            EscalationEventTypes.CLOSED, EscalationClosedEvent.class);
    private static final Map<Class<?>, List<String>> OWN_REQUIRED = Map.of(
            EscalationRaisedEvent.class, List.of("escalationId", "ticketId", "organizationId", "level", "levelName",
                    "trigger", "raisedAt", "acknowledgeBy"),
            EscalationAcknowledgedEvent.class, List.of("escalationId", "acknowledgedBy", "acknowledgedAt"),
            EscalationClosedEvent.class, List.of("escalationId", "reason", "closedAt"));
    private static final Logger log = LoggerFactory.getLogger(EscalationRebuild.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TicketEventsHandler tickets;
    private final TicketMirror mirror;
    private final EscalationRepository escalations;
    private final LadderRepository ladders;
    private final OrganizationCalendars calendars;
    private final SupportManagers supportManagers;
    private final TopicNames topics;
    private final Clock clock;

    public EscalationRebuild(JdbcTemplate jdbc, ObjectMapper json, TicketEventsHandler tickets, TicketMirror mirror,
                             EscalationRepository escalations, LadderRepository ladders,
                             OrganizationCalendars calendars, SupportManagers supportManagers,
                             PlatformTransactionManager transactions, TopicNames topics,
                             @Value("${helpdesk.escalations.consumer-group}") String group, Clock clock) {
        super(jdbc, transactions, PROJECTION, group, SCHEMA_PREFIX, TABLES, List.of());
        this.jdbc = jdbc;
        this.json = json;
        this.tickets = tickets;
        this.mirror = mirror;
        this.escalations = escalations;
        this.ladders = ladders;
        this.calendars = calendars;
        this.supportManagers = supportManagers;
        this.topics = topics;
        this.clock = clock;
    }

    @Override
    public List<String> topics() {
        return List.of(topics.tickets());
    }

    @Override
    public List<String> ownTopics() {
        return List.of(topics.escalations());
    }

    /** A record of the own topic's three types, or of a ticket type the mirror keeps. */
    @Override
    protected InboundEvent read(ConsumerRecord<String, String> record) {
        ReceivedEvent envelope = ReceivedEvents.read(json, record.value());
        Object data = null;
        if (record.topic().equals(topics.escalations())) {
            Class<?> type = OWN_TYPES.get(envelope.type());
            if (type != null) {
                data = ReceivedEvents.data(json, envelope, type, OWN_REQUIRED.get(type));
            }
        } else if (tickets.handles(envelope.type())) {
            data = tickets.decode(envelope);
        }
        return data == null ? null
                : new InboundEvent(envelope, data, record.topic(), record.partition(), record.offset());
    }

    /** In order: the own events on the escalations and their timers, the ticket events on the mirror. */
    @Override
    protected void applyAll(List<InboundEvent> events, String servedSchema) {
        events.forEach(event -> applyOne(event, servedSchema));
    }

    private void applyOne(InboundEvent event, String served) {
        Object data = event.data();
        if (data instanceof EscalationRaisedEvent e) {
            raised(e, served);
        } else if (data instanceof EscalationAcknowledgedEvent e) {
            escalations.acknowledge(UUID.fromString(e.escalationId()), e.acknowledgedBy(), e.actionPlan(),
                    e.acknowledgedAt());
        } else if (data instanceof EscalationClosedEvent e) {
            escalations.close(UUID.fromString(e.escalationId()), e.reason(), e.closedAt());
        } else {
            tickets.applyToMirror(event);
            if (data instanceof OrganizationRegisteredEvent e && e.supportManager() != null
                    && !e.supportManager().isBlank()) {
                escalations.assignSupportManager(e.organizationId(), e.supportManager(), e.plan().name());
            }
        }
    }

    /**
     * A raised level: its row (OPEN, version 0) and its pending timer, as the live path inserted them. The event
     * carries the decision (id, level, trigger, instants, relationship manager, and the level's name, which names the
     * support manager on a DEDICATED level 1); whether it informs the relationship manager and its acknowledgement
     * time come from the ticket's plan's ladder as it is now (docs/replays.md, limits).
     */
    private void raised(EscalationRaisedEvent e, String served) {
        mirror.ensureTicket(e.ticketId(), e.organizationId(), null);
        List<String> plans = jdbc.queryForList("SELECT coalesce(t.plan, o.plan) FROM " + served + ".ticket t LEFT JOIN "
                + served + ".organization o ON o.organization_id = t.organization_id WHERE t.ticket_id = ?",
                String.class, e.ticketId());
        Plan plan = plans.isEmpty() || plans.get(0) == null ? Plan.STANDARD : Plan.valueOf(plans.get(0));
        Ladder ladder = ladders.find(plan);
        LadderLevel rung = ladder.level(e.level());
        String levelName = e.levelName();
        String assignee = null;
        int cut = levelName.lastIndexOf(" (");
        if (ladder.isNamedSupportManager(e.level()) && cut > 0 && levelName.endsWith(")")) {
            assignee = levelName.substring(cut + 2, levelName.length() - 1);
            levelName = levelName.substring(0, cut);
        }
        escalations.insertWithTimer(new Escalation(UUID.fromString(e.escalationId()), e.ticketId(), e.organizationId(),
                e.level(), levelName, assignee, rung.informsRelationshipManager(), Trigger.valueOf(e.trigger()),
                EscalationState.OPEN, e.raisedAt(), e.acknowledgeBy(), null, null, null, null, null, 0,
                e.relationshipManager(), rung.acknowledgeWithin()));
    }

    /** The escalation events committed to the outbox and not yet relayed (with the served tables locked). */
    @Override
    public List<ConsumerRecord<String, String>> unrelayed() {
        List<ConsumerRecord<String, String>> unrelayed = jdbc.query("SELECT record_key, payload FROM outbox WHERE published_at IS NULL AND topic = ? ORDER BY id",
                (rs, row) -> new ConsumerRecord<>(topics.escalations(), -1, -1L, rs.getString(1), rs.getString(2)),
                topics.escalations());
        log.info("Escalations replay: {} events taken from the outbox at the switch (not yet relayed)", unrelayed.size());
        return unrelayed;
    }

    @Override
    public void switchOver(String generation) {
        GenerationSchemas generations = generations();
        String schema = generations.schema(generation);
        Instant watermark = watermark(generations.served());
        // fired by the live poller already: marked, never fired again (what they decided came back from the topic)
        int fired = jdbc.update("UPDATE " + schema + ".acknowledgement_timer SET fired_at = due_at "
                + "WHERE fired_at IS NULL AND due_at < ?", Timestamp.from(watermark));
        int moved = generations.inGeneration(generation, () -> moveDeadlines(watermark));
        Instant now = clock.instant();
        int handedOver = generations.inGeneration(generation, () -> handOver(now));
        serve(generation);
        log.info("Escalations: new generation served; {} timers due before {} marked fired, {} deadlines moved by "
                + "published calendars, {} open levels handed over to another support manager", fired, watermark, moved,
                handedOver);
    }

    /**
     * A published calendar moves open deadlines without an escalation event (docs/escalation-calendars.md): the open
     * levels with a pending timer of organisations that have published calendars get their deadline recomputed on
     * the calendars as published (the live path's rule, {@link AcknowledgementDeadline#moved}), in the generation on
     * the search path. Answers how many moved.
     */
    private int moveDeadlines(Instant now) {
        int moved = 0;
        for (UUID id : jdbc.queryForList("""
                SELECT e.id FROM escalation e JOIN acknowledgement_timer a ON a.escalation_id = e.id
                WHERE e.state = 'OPEN' AND a.fired_at IS NULL
                  AND EXISTS (SELECT 1 FROM organization_calendar c WHERE c.organization_id = e.organization_id)""",
                UUID.class)) {
            Escalation level = escalations.find(id).orElseThrow();
            TicketRow ticket = mirror.lock(level.ticketId()).orElseThrow();
            Optional<Instant> deadline = AcknowledgementDeadline.moved(level.state(), level.raisedAt(),
                    level.acknowledgeBy(), level.acknowledgeWithin(),
                    calendars.timeline(ticket.organizationId(), ticket.fallbackCalendar()), now);
            if (deadline.isPresent()) {
                escalations.moveDeadline(id, deadline.get());
                moved++;
            }
        }
        return moved;
    }

    /**
     * A terms change naming another support manager hands the OPEN levels the named manager takes over without an
     * escalation event (docs/escalation-calendars.md): each open level of an organisation with a change applied after
     * it was raised, in force when applied, goes to the manager in force at the last such change (the live path's
     * rule, {@link Ladder#reassignedTo}), in the generation on the search path. Answers how many were handed over.
     */
    private int handOver(Instant now) {
        int handedOver = 0;
        for (UUID id : jdbc.queryForList("""
                SELECT e.id FROM escalation e WHERE e.state = 'OPEN'
                  AND EXISTS (SELECT 1 FROM organization_support_manager s WHERE s.organization_id = e.organization_id
                              AND s.effective_from > '-infinity' AND s.recorded_at > e.raised_at)""", UUID.class)) {
            Escalation level = escalations.find(id).orElseThrow();
            TicketRow ticket = mirror.lock(level.ticketId()).orElseThrow();
            Optional<String> assignee = supportManagers.lastHandOverAfter(level.organizationId(), level.raisedAt(), now)
                    .flatMap(at -> ladders.find(ticket.planOrDefault()).reassignedTo(level.level(), level.state(),
                            level.assignee(), supportManagers.inForceAt(level.organizationId(), at)));
            if (assignee.isPresent()) {
                escalations.reassign(id, assignee.get());
                handedOver++;
            }
        }
        return handedOver;
    }

    /** The earliest timer pending in the served generation, or now when none is (read with it locked). */
    private Instant watermark(String served) {
        Timestamp earliest = jdbc.queryForObject("SELECT min(due_at) FROM " + served
                + ".acknowledgement_timer WHERE fired_at IS NULL", Timestamp.class);
        Instant now = clock.instant();
        return earliest == null || earliest.toInstant().isAfter(now) ? now : earliest.toInstant();
    }
}
