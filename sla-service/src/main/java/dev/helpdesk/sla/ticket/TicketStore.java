package dev.helpdesk.sla.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.sla.clock.ClockSegment;
import dev.helpdesk.sla.clock.ClockState;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.NextTimer;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.sla.policy.PolicyDocument;
import dev.helpdesk.sla.policy.SeverityTargets;
import dev.helpdesk.sla.policy.TargetDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Tickets and their clocks. Writers lock the ticket row first ({@link #lock}) and then its clocks, so the
 * Kafka consumer and the timer poller of any instance never deadlock and never both change one clock. A plain
 * component, not a {@code @Repository}: JdbcTemplate translates its exceptions already, and the translating proxy
 * cost every call of the consumer's hot path.
 */
@Component
public class TicketStore {

    private static final TypeReference<Map<String, TargetDocument>> TARGETS = new TypeReference<>() {
    };
    private static final TypeReference<List<Integer>> INTEGERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    /**
     * The JSON columns many rows share (a policy version's targets, warning and fired thresholds), parsed once per
     * distinct text instead of per row: parsing them was about a quarter of the timer poller's samples while 10,000
     * timers fired (JFR, 2026-12-07). The parsed values are unmodifiable.
     */
    private final Cache<String, Map<Severity, SeverityTargets>> parsedTargets = Caffeine.newBuilder().maximumSize(256).build();
    private final Cache<String, List<Integer>> parsedIntegers = Caffeine.newBuilder().maximumSize(256).build();

    public TicketStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A ticket to insert, with the targets of its policy version as the policy stores them. */
    public record NewTicket(SlaTicket ticket, Map<String, TargetDocument> targets) {
    }

    public Optional<SlaTicket> find(String ticketId) {
        return jdbc.query("SELECT * FROM ticket WHERE ticket_id = ?", this::mapTicket, ticketId).stream().findFirst();
    }

    /** The tickets that exist among {@code ticketIds}, by id (one statement, no locks: a read for display). */
    public Map<String, SlaTicket> findAll(Collection<String> ticketIds) {
        Map<String, SlaTicket> found = new HashMap<>();
        jdbc.query("SELECT * FROM ticket WHERE ticket_id = ANY (?)",
                (RowCallbackHandler) row -> found.put(row.getString("ticket_id"), mapTicket(row, 0)),
                (Object) ticketIds.toArray(new String[0]));
        return found;
    }

    /** Tickets opened in [from, to), of one organisation or all, oldest first. */
    /**
     * The tickets opened in {@code [from, to)}, of one organisation or all, in (opened_at, ticket_id) order, after the
     * given position (a page's last ticket; null: from the start), at most {@code limit}.
     */
    public List<SlaTicket> openedBetween(String organizationId, Instant from, Instant to, OpenedPosition after, int limit) {
        Timestamp afterOpenedAt = after == null ? null : Timestamp.from(after.openedAt());
        String afterTicketId = after == null ? null : after.ticketId();
        return jdbc.query("SELECT * FROM ticket WHERE (?::text IS NULL OR organization_id = ?) AND opened_at >= ? "
                        + "AND opened_at < ? AND (?::timestamptz IS NULL OR (opened_at, ticket_id) > (?, ?)) "
                        + "ORDER BY opened_at, ticket_id LIMIT ?", this::mapTicket,
                organizationId, organizationId, Timestamp.from(from), Timestamp.from(to), afterOpenedAt,
                afterOpenedAt, afterTicketId, limit);
    }

    /** How many tickets were opened in {@code [from, to)}, of one organisation or all. */
    public long countOpenedBetween(String organizationId, Instant from, Instant to) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM ticket WHERE (?::text IS NULL OR organization_id = ?) "
                + "AND opened_at >= ? AND opened_at < ?", Long.class, organizationId, organizationId,
                Timestamp.from(from), Timestamp.from(to));
        return count == null ? 0 : count;
    }

    /** A ticket's place in the (opened_at, ticket_id) order: where the next page of a range starts. */
    public record OpenedPosition(Instant openedAt, String ticketId) {
    }

    /** Locks and answers the ticket (waits for other writers). */
    public Optional<SlaTicket> lock(String ticketId) {
        return jdbc.query("SELECT * FROM ticket WHERE ticket_id = ? FOR UPDATE", this::mapTicket, ticketId)
                .stream().findFirst();
    }

    /** Locks and answers the tickets that exist (one statement; in id order, so two writers never wait in a cycle). */
    public Map<String, SlaTicket> lockAll(Collection<String> ticketIds) {
        Map<String, SlaTicket> locked = new HashMap<>();
        jdbc.query("SELECT * FROM ticket WHERE ticket_id = ANY (?) ORDER BY ticket_id FOR UPDATE",
                (RowCallbackHandler) row -> locked.put(row.getString("ticket_id"), mapTicket(row, 0)),
                (Object) ticketIds.toArray(new String[0]));
        return locked;
    }

    /**
     * The tickets locked for a batch of due timers, one per due clock, and the earliest timer due after the batch's
     * time (null when none), which tells the poller how long it may sleep.
     */
    public record DueTimers(List<SlaTicket> locked, Instant nextDueAt) {
    }

    /**
     * Locks the tickets of the (up to) {@code limit} earliest clock timers due at {@code now}, skipping tickets other
     * transactions hold, and answers them, one row per due clock (a ticket with two clocks due comes twice), with the
     * earliest timer due later, in one statement. The lock is taken row by row under the limit, so a second poller
     * (thread or instance) gets the next due tickets rather than nothing while the first works on the earliest.
     */
    public DueTimers lockTicketsWithDueTimers(Instant now, int limit) {
        List<SlaTicket> locked = new ArrayList<>();
        Instant[] next = new Instant[1];
        Timestamp at = Timestamp.from(now);
        jdbc.query("""
                WITH due AS (
                    SELECT t.* FROM clock c JOIN ticket t USING (ticket_id)
                    WHERE c.next_timer_at <= ?
                    ORDER BY c.next_timer_at LIMIT ?
                    FOR UPDATE OF t SKIP LOCKED)
                SELECT due.*, later.next_due_at
                FROM (SELECT min(next_timer_at) AS next_due_at FROM clock WHERE next_timer_at > ?) later
                LEFT JOIN due ON true""", (RowCallbackHandler) row -> {
            next[0] = instant(row, "next_due_at");
            if (row.getString("ticket_id") != null) {
                locked.add(mapTicket(row, 0));
            }
        }, at, limit, at);
        return new DueTimers(locked, next[0]);
    }

    /** Stores the severity and status of the tickets (one statement). */
    public void updateAll(Collection<SlaTicket> changed) {
        if (changed.isEmpty()) {
            return;
        }
        jdbc.update("""
                UPDATE ticket SET severity = u.severity, status = u.status
                FROM unnest(?::text[], ?::text[], ?::text[]) AS u (ticket_id, severity, status)
                WHERE ticket.ticket_id = u.ticket_id""",
                changed.stream().map(SlaTicket::ticketId).toArray(String[]::new),
                changed.stream().map(t -> t.severity().name()).toArray(String[]::new),
                changed.stream().map(t -> t.status().name()).toArray(String[]::new));
    }

    public List<SlaClock> clocks(String ticketId) {
        return jdbc.query("SELECT c.*, t.warning_thresholds FROM clock c JOIN ticket t USING (ticket_id) "
                + "WHERE c.ticket_id = ? ORDER BY c.metric", this::mapClock, ticketId);
    }

    /** The clocks of several tickets, in one statement, by ticket id, each ticket's in metric order. */
    public Map<String, List<SlaClock>> clocks(Collection<String> ticketIds) {
        Map<String, List<SlaClock>> clocks = new HashMap<>();
        jdbc.query("SELECT c.*, t.warning_thresholds FROM clock c JOIN ticket t USING (ticket_id) "
                        + "WHERE c.ticket_id = ANY (?) ORDER BY c.ticket_id, c.metric",
                (RowCallbackHandler) row -> clocks.computeIfAbsent(row.getString("ticket_id"), id -> new ArrayList<>())
                        .add(mapClock(row, 0)),
                (Object) ticketIds.toArray(new String[0]));
        return clocks;
    }

    /** The clocks of several tickets with their stored timers, in one statement, by ticket id, each ticket's in metric order. */
    public Map<String, List<TimedClock>> timedClocks(Collection<String> ticketIds) {
        Map<String, List<TimedClock>> clocks = new HashMap<>();
        jdbc.query("SELECT c.*, t.warning_thresholds FROM clock c JOIN ticket t USING (ticket_id) "
                        + "WHERE c.ticket_id = ANY (?) ORDER BY c.ticket_id, c.metric",
                (RowCallbackHandler) row -> {
                    Timestamp timerAt = row.getTimestamp("next_timer_at");
                    Optional<NextTimer> timer = timerAt == null ? Optional.empty()
                            : Optional.of(new NextTimer(row.getInt("next_timer_percent"), timerAt.toInstant()));
                    clocks.computeIfAbsent(row.getString("ticket_id"), id -> new ArrayList<>())
                            .add(new TimedClock(mapClock(row, 0), timer));
                },
                (Object) ticketIds.toArray(new String[0]));
        return clocks;
    }

    /**
     * Inserts the new tickets and stores clocks with their next timers, in one statement ({@code unnest} of one array
     * per column): one parse, plan and round trip for a whole batch instead of one per ticket and clock. A "new"
     * ticket that is known already keeps what it has: neither it nor its clocks are written. Each clock may appear at
     * most once. Answers the ids of the tickets inserted.
     */
    public Set<String> saveAll(List<NewTicket> opened, List<TimedClock> clocks) {
        return saveAll(opened, clocks, List.of());
    }

    /**
     * {@link #saveAll(List, List)}, and in the same statement the clocks' new history segments (of the tickets
     * written; an opening dropped as known drops its segments too).
     */
    public Set<String> saveAll(List<NewTicket> opened, List<TimedClock> clocks, List<ClockSegment> segments) {
        if (opened.isEmpty() && clocks.isEmpty()) {
            return Set.of();
        }
        int size = clocks.size();
        ClockColumns columns = new ClockColumns(size);
        String[] fired = new String[size];
        String[] timerAt = new String[size];
        Integer[] timerPercent = new Integer[size];
        String[] exemptedAt = new String[size];
        for (int i = 0; i < size; i++) {
            SlaClock clock = clocks.get(i).clock();
            Optional<NextTimer> nextTimer = clocks.get(i).nextTimer();
            columns.set(i, clock);
            fired[i] = write(new ArrayList<>(clock.firedThresholds()));
            timerAt[i] = nextTimer.map(timer -> text(timer.at())).orElse(null);
            timerPercent[i] = nextTimer.map(NextTimer::percent).orElse(null);
            exemptedAt[i] = text(clock.exemptedAt());
        }
        List<Object> arguments = new ArrayList<>(newTicketColumns(opened));
        arguments.addAll(List.of(columns.ticketIds, columns.metrics, columns.severities, columns.states));
        arguments.addAll(columns.targetToBreached());
        arguments.addAll(List.of(fired, timerAt, timerPercent, exemptedAt));
        String[] openedIds = opened.stream().map(t -> t.ticket().ticketId()).toArray(String[]::new);
        arguments.add(openedIds);
        arguments.addAll(List.of(ClockSegments.columns(segments)));
        arguments.add(openedIds);
        Set<String> inserted = new HashSet<>();
        jdbc.query("""
                WITH new_ticket AS (
                    INSERT INTO ticket (ticket_id, organization_id, type, severity, status, policy_id, policy_version,
                        calendar_id, time_zone, targets, warning_thresholds, opened_at, without_targets)
                    SELECT t.ticket_id, t.organization_id, t.type, t.severity, t.status, t.policy_id, t.policy_version,
                        t.calendar_id, t.time_zone, t.targets::jsonb, t.warning_thresholds::jsonb, t.opened_at,
                        t.without_targets
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[])
                         AS t (ticket_id, organization_id, type, severity, status, policy_id, policy_version,
                               calendar_id, time_zone, targets, warning_thresholds, opened_at, without_targets)
                    ON CONFLICT (ticket_id) DO NOTHING
                    RETURNING ticket_id),
                saved AS (
                INSERT INTO clock (ticket_id, metric, severity, state, target_ms, started_at, due_at, paused_at,
                    paused_for_ms, met_at, breached_at, fired_thresholds, next_timer_at, next_timer_percent, exempted_at)
                SELECT c.ticket_id, c.metric, c.severity, c.state, c.target_ms, c.started_at, c.due_at, c.paused_at,
                    c.paused_for_ms, c.met_at, c.breached_at, c.fired_thresholds::jsonb, c.next_timer_at, c.next_timer_percent,
                    c.exempted_at
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::timestamptz[],
                            ?::timestamptz[], ?::bigint[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::timestamptz[],
                            ?::int[], ?::timestamptz[])
                     AS c (ticket_id, metric, severity, state, target_ms, started_at, due_at, paused_at, paused_for_ms,
                           met_at, breached_at, fired_thresholds, next_timer_at, next_timer_percent, exempted_at)
                WHERE c.ticket_id <> ALL (?::text[]) OR c.ticket_id IN (SELECT ticket_id FROM new_ticket)
                ON CONFLICT (ticket_id, metric) DO UPDATE SET severity = excluded.severity, state = excluded.state,
                    target_ms = excluded.target_ms, started_at = excluded.started_at, due_at = excluded.due_at,
                    paused_at = excluded.paused_at, paused_for_ms = excluded.paused_for_ms, met_at = excluded.met_at,
                    breached_at = excluded.breached_at, fired_thresholds = excluded.fired_thresholds,
                    next_timer_at = excluded.next_timer_at, next_timer_percent = excluded.next_timer_percent,
                    exempted_at = excluded.exempted_at),
                history AS (
                """ + ClockSegments.INSERT + """
                    WHERE s.ticket_id <> ALL (?::text[]) OR s.ticket_id IN (SELECT ticket_id FROM new_ticket)
                    ORDER BY s.position)
                SELECT ticket_id FROM new_ticket""", (RowCallbackHandler) row -> inserted.add(row.getString(1)),
                arguments.toArray());
        return inserted;
    }

    private List<Object> newTicketColumns(List<NewTicket> opened) {
        List<SlaTicket> tickets = opened.stream().map(NewTicket::ticket).toList();
        return List.of(
                tickets.stream().map(SlaTicket::ticketId).toArray(String[]::new),
                tickets.stream().map(SlaTicket::organizationId).toArray(String[]::new),
                tickets.stream().map(t -> t.type().name()).toArray(String[]::new),
                tickets.stream().map(t -> t.severity().name()).toArray(String[]::new),
                tickets.stream().map(t -> t.status().name()).toArray(String[]::new),
                tickets.stream().map(SlaTicket::policyId).toArray(String[]::new),
                tickets.stream().map(SlaTicket::policyVersion).toArray(Long[]::new),
                tickets.stream().map(SlaTicket::calendarId).toArray(String[]::new),
                tickets.stream().map(t -> t.zone().getId()).toArray(String[]::new),
                opened.stream().map(t -> write(t.targets())).toArray(String[]::new),
                tickets.stream().map(t -> write(t.warningThresholds())).toArray(String[]::new),
                tickets.stream().map(t -> text(t.openedAt())).toArray(String[]::new),
                tickets.stream().map(SlaTicket::withoutTargets).toArray(Boolean[]::new));
    }

    /** A clock as stored: its state and the next threshold it waits for (none unless running). */
    public record TimedClock(SlaClock clock, Optional<NextTimer> nextTimer) {
    }

    private SlaTicket mapTicket(ResultSet row, int index) throws SQLException {
        return new SlaTicket(row.getString("ticket_id"), row.getString("organization_id"),
                TicketType.valueOf(row.getString("type")), Severity.valueOf(row.getString("severity")),
                TicketStatus.valueOf(row.getString("status")), row.getString("policy_id"), row.getLong("policy_version"),
                row.getString("calendar_id"), ZoneId.of(row.getString("time_zone")),
                targets(row.getString("targets")), integers(row.getString("warning_thresholds")),
                row.getTimestamp("opened_at").toInstant(), row.getBoolean("without_targets"));
    }

    private SlaClock mapClock(ResultSet row, int index) throws SQLException {
        long target = row.getLong("target_ms");
        Duration targetDuration = row.wasNull() ? null : Duration.ofMillis(target);
        return new SlaClock(row.getString("ticket_id"), Metric.valueOf(row.getString("metric")),
                Severity.valueOf(row.getString("severity")), ClockState.valueOf(row.getString("state")),
                targetDuration, instant(row, "started_at"), instant(row, "due_at"), instant(row, "paused_at"),
                Duration.ofMillis(row.getLong("paused_for_ms")), instant(row, "met_at"), instant(row, "breached_at"),
                integers(row.getString("warning_thresholds")),
                new TreeSet<>(integers(row.getString("fired_thresholds"))), instant(row, "exempted_at"));
    }

    /** A stored policy version's targets, parsed as the policy service does (a stored value is valid). */
    private Map<Severity, SeverityTargets> targets(String stored) {
        return stored == null ? parseTargets(null) : parsedTargets.get(stored, this::parseTargets);
    }

    private Map<Severity, SeverityTargets> parseTargets(String stored) {
        List<FieldError> ignored = new ArrayList<>();
        Map<String, TargetDocument> targets = read(stored, TARGETS); // the column is NOT NULL
        return Collections.unmodifiableMap(PolicyDocument.parseTargets(targets, ignored));
    }

    /** A stored list of integers; JSON {@code null} reads as null, as before the cache (and is not cached). */
    private List<Integer> integers(String stored) {
        return stored == null ? read(null, INTEGERS) : parsedIntegers.get(stored, text -> {
            List<Integer> parsed = read(text, INTEGERS);
            return parsed == null ? null : Collections.unmodifiableList(new ArrayList<>(parsed));
        });
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** ISO-8601 (UTC), as PostgreSQL reads a timestamptz in an array parameter. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
