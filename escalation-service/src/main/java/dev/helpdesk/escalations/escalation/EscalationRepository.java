package dev.helpdesk.escalations.escalation;

import dev.helpdesk.pipeline.timer.TimerAlarm;

import dev.helpdesk.edge.caller.TenantScope;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.escalations.domain.EscalationState;
import dev.helpdesk.escalations.domain.Trigger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores escalations and their acknowledgement timers. */
@Repository
public class EscalationRepository {

    private static final String COLUMNS = """
            id, ticket_id, organization_id, level, level_name, assignee, informs_relationship_manager, trigger, state,
            raised_at, acknowledge_by, acknowledged_at, acknowledged_by, action_plan, closed_at, close_reason, version, relationship_manager,
            acknowledge_within""";
    private static final RowMapper<Escalation> ROWS = EscalationRepository::escalation;

    private final JdbcTemplate jdbc;
    private final TimerAlarm alarm;

    public EscalationRepository(JdbcTemplate jdbc, TimerAlarm alarm) {
        this.jdbc = jdbc;
        this.alarm = alarm;
    }

    /** Inserts a raised level with its timer; false when the ticket already has that level (it is raised once). */
    public boolean insertWithTimer(Escalation e) {
        int inserted = jdbc.update("INSERT INTO escalation (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT ON CONSTRAINT escalation_once_per_level DO NOTHING",
                e.id(), e.ticketId(), e.organizationId(), e.level(), e.levelName(), e.assignee(),
                e.informsRelationshipManager(), e.trigger().name(), e.state().name(), ts(e.raisedAt()),
                ts(e.acknowledgeBy()), ts(e.acknowledgedAt()), e.acknowledgedBy(), e.actionPlan(), ts(e.closedAt()),
                e.closeReason(), e.version(), e.relationshipManager(),
                e.acknowledgeWithin() == null ? null : e.acknowledgeWithin().toString());
        if (inserted == 0) {
            return false;
        }
        jdbc.update("INSERT INTO acknowledgement_timer (escalation_id, due_at) VALUES (?, ?)", e.id(), ts(e.acknowledgeBy()));
        alarm.timerSet(e.acknowledgeBy());
        return true;
    }

    public int highestLevel(String ticketId) {
        Integer highest = jdbc.queryForObject("SELECT max(level) FROM escalation WHERE ticket_id = ?", Integer.class, ticketId);
        return highest == null ? 0 : highest;
    }

    public Optional<Escalation> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM escalation WHERE id = ?", ROWS, id).stream().findFirst();
    }

    public List<Escalation> unclosedOf(String ticketId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM escalation WHERE ticket_id = ? AND state <> 'CLOSED' ORDER BY level",
                ROWS, ticketId);
    }

    /**
     * Names the organisation's support manager on its open DEDICATED level-1 escalations raised before its
     * registration was read (the two travel on different partitions).
     */
    public void assignSupportManager(String organizationId, String supportManager, String organizationPlan) {
        jdbc.update("""
                UPDATE escalation e SET assignee = ? FROM ticket t
                WHERE t.ticket_id = e.ticket_id AND e.organization_id = ? AND e.level = 1 AND e.assignee IS NULL
                  AND e.state <> 'CLOSED' AND coalesce(t.plan, ?) = 'DEDICATED'""",
                supportManager, organizationId, organizationPlan);
    }

    /** The OPEN levels of an organisation's tickets (those another support manager may take over). */
    public List<UUID> openOf(String organizationId) {
        return jdbc.queryForList("SELECT id FROM escalation WHERE organization_id = ? AND state = 'OPEN' ORDER BY ticket_id, level",
                UUID.class, organizationId);
    }

    /** Another person takes the level over: its version (ETag) goes up. */
    public void reassign(UUID escalationId, String assignee) {
        jdbc.update("UPDATE escalation SET version = version + 1, assignee = ? WHERE id = ?", assignee, escalationId);
    }

    /** The open levels of an organisation's tickets whose deadline has not passed: those a calendar change moves. */
    public List<UUID> openWithDeadlineAfter(String organizationId, Instant now) {
        return jdbc.queryForList("""
                SELECT id FROM escalation WHERE organization_id = ? AND state = 'OPEN' AND acknowledge_by > ?
                ORDER BY ticket_id, level""", UUID.class, organizationId, ts(now));
    }

    /**
     * Locks the escalation's timer while it is pending; false when it fired already. Waits for a poller that holds it
     * (firing it, or only looking at when it is due), so a deadline is never moved under a firing, nor skipped.
     */
    public boolean lockPendingTimer(UUID escalationId) {
        return !jdbc.queryForList("SELECT 1 FROM acknowledgement_timer WHERE escalation_id = ? FOR UPDATE",
                Integer.class, escalationId).isEmpty()
                && !jdbc.queryForList("SELECT 1 FROM acknowledgement_timer WHERE escalation_id = ? AND fired_at IS NULL",
                Integer.class, escalationId).isEmpty();
    }

    /** Moves an open level's deadline and its (single) pending timer; the poller is woken if it is now earlier. */
    public void moveDeadline(UUID escalationId, Instant acknowledgeBy) {
        jdbc.update("UPDATE escalation SET version = version + 1, acknowledge_by = ? WHERE id = ?", ts(acknowledgeBy), escalationId);
        jdbc.update("UPDATE acknowledgement_timer SET due_at = ? WHERE escalation_id = ? AND fired_at IS NULL",
                ts(acknowledgeBy), escalationId);
        alarm.timerSet(acknowledgeBy);
    }

    public void close(UUID id, String reason, Instant at) {
        jdbc.update("UPDATE escalation SET version = version + 1, state = 'CLOSED', closed_at = ?, close_reason = ? WHERE id = ?", ts(at), reason, id);
    }

    public void acknowledge(UUID id, String manager, String actionPlan, Instant at) {
        jdbc.update("UPDATE escalation SET version = version + 1, state = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?, action_plan = ? WHERE id = ?",
                ts(at), manager, actionPlan, id);
    }

    /**
     * Claims the unfired timer due first (skipping those another instance holds), due or not: the caller fires it if
     * it is due, and otherwise learns when to look again. Empty when no timer is pending.
     */
    public Optional<PendingTimer> claimEarliestTimer() {
        return jdbc.query("""
                SELECT escalation_id, due_at FROM acknowledgement_timer WHERE fired_at IS NULL
                ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, row) -> new PendingTimer(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant())).stream().findFirst();
    }

    /** An acknowledgement deadline not fired yet. */
    public record PendingTimer(UUID escalationId, Instant dueAt) {
    }

    public void markTimerFired(UUID escalationId, Instant at) {
        jdbc.update("UPDATE acknowledgement_timer SET fired_at = ? WHERE escalation_id = ?", ts(at), escalationId);
    }

    /** Pushes a timer whose firing failed back by {@code delay}; after {@code maxAttempts} failures it is given up. */
    public void postponeFailedTimer(UUID escalationId, Instant retryAt, int maxAttempts, Instant now) {
        jdbc.update("""
                UPDATE acknowledgement_timer SET failed_attempts = failed_attempts + 1, due_at = ?,
                    fired_at = CASE WHEN failed_attempts + 1 >= ? THEN ? END
                WHERE escalation_id = ? AND fired_at IS NULL""", ts(retryAt), maxAttempts, ts(now), escalationId);
    }

    public Page<Escalation> search(TenantScope scope, EscalationQuery query) {
        if (scope.isNothing()) {
            return new Page<>(List.of(), query.page(), query.size(), 0);
        }
        List<Object> arguments = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (query.ticketId() != null) {
            where.append(" AND ticket_id = ?");
            arguments.add(query.ticketId());
        }
        if (scope.organizationId().isPresent()) {
            where.append(" AND organization_id = ?");
            arguments.add(scope.organizationId().get());
        }
        if (query.state() != null) {
            where.append(" AND state = ?");
            arguments.add(query.state().name());
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM escalation" + where, Long.class, arguments.toArray());
        List<Object> pageArguments = new ArrayList<>(arguments);
        pageArguments.add(query.size());
        pageArguments.add((long) query.page() * query.size());
        List<Escalation> items = jdbc.query("SELECT " + COLUMNS + " FROM escalation" + where
                + " ORDER BY raised_at DESC, ticket_id, level DESC LIMIT ? OFFSET ?", ROWS, pageArguments.toArray());
        return new Page<>(items, query.page(), query.size(), total == null ? 0 : total);
    }

    private static Escalation escalation(ResultSet rs, int row) throws SQLException {
        return new Escalation(rs.getObject("id", UUID.class), rs.getString("ticket_id"), rs.getString("organization_id"),
                rs.getInt("level"), rs.getString("level_name"), rs.getString("assignee"),
                rs.getBoolean("informs_relationship_manager"), Trigger.valueOf(rs.getString("trigger")),
                EscalationState.valueOf(rs.getString("state")), instant(rs, "raised_at"), instant(rs, "acknowledge_by"),
                instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), rs.getString("action_plan"),
                instant(rs, "closed_at"), rs.getString("close_reason"), rs.getLong("version"),
                rs.getString("relationship_manager"),
                rs.getString("acknowledge_within") == null ? null : Duration.parse(rs.getString("acknowledge_within")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
