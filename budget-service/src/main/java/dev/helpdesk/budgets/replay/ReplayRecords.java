package dev.helpdesk.budgets.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code replay} table: rebuilds and their progress, readable from any instance. */
@Component
public class ReplayRecords {

    /** A running rebuild that has not reported for this long is taken as abandoned (its instance died). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;

    public ReplayRecords(JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    /** The rebuild running now (on any instance), if any; one silent for {@link #ABANDONED_AFTER} does not count. */
    public Optional<UUID> running() {
        return jdbc.queryForList("""
                        select id from replay where state in ('RUNNING', 'SWITCHING') and updated_at > ?
                        order by started_at limit 1""",
                UUID.class, Timestamp.from(Instant.now().minus(ABANDONED_AFTER))).stream().findFirst();
    }

    public void started(UUID id, String requestedBy, int generation, String idempotencyKey) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                insert into replay (id, projection, state, requested_by, generation, started_at, updated_at, idempotency_key)
                values (?, 'budgets', 'RUNNING', ?, ?, ?, ?, ?)""", id, requestedBy, generation, now, now, idempotencyKey);
    }

    /** The rebuild started with this key by this user within the last 24 hours, if any. */
    public Optional<UUID> startedWith(String idempotencyKey, String requestedBy) {
        return jdbc.queryForList("""
                        select id from replay where idempotency_key = ? and requested_by = ?
                        and started_at > now() - interval '24 hours'""",
                UUID.class, idempotencyKey, requestedBy).stream().findFirst();
    }

    /** Frees keys older than 24 hours, so that they may be used again. */
    public void forgetOldKeys() {
        jdbc.update("update replay set idempotency_key = null where started_at <= now() - interval '24 hours'");
    }

    /** Reports progress; false when the rebuild is no longer running (cancelled, or failed as abandoned). */
    public boolean progressed(UUID id, String state, long eventsRead, Map<String, Long> positions,
                              Map<String, Long> endOffsets, BigDecimal ratePerSecond) {
        return jdbc.update("""
                update replay set state = ?, events_read = ?, positions = ?, end_offsets = ?, rate_per_second = ?,
                    updated_at = now() where id = ? and state in ('RUNNING', 'SWITCHING')""",
                state, eventsRead, json(positions), json(endOffsets), ratePerSecond, id) == 1;
    }

    /** Ends a running rebuild (COMPLETED or FAILED); a cancelled one stays cancelled. */
    public void finished(UUID id, String state, Map<String, Object> result, String error) {
        jdbc.update("""
                update replay set state = ?, result = ?, error = ?, finished_at = now(), updated_at = now()
                where id = ? and state in ('RUNNING', 'SWITCHING')""",
                state, result == null ? null : json(result), error, id);
    }

    /**
     * Cancels a running rebuild; false when it is not running. A switch holds the row locked in its transaction (see
     * {@link #lockRunning}), so a cancel during a switch waits for it and then finds the rebuild completed.
     */
    public boolean cancel(UUID id) {
        return jdbc.update("""
                update replay set state = 'CANCELLED', error = null, finished_at = now(), updated_at = now()
                where id = ? and state in ('RUNNING', 'SWITCHING')""", id) == 1;
    }

    /** Locks the rebuild's row until the calling transaction ends; false when it is no longer running. */
    public boolean lockRunning(UUID id) {
        return jdbc.queryForList("select state from replay where id = ? for update", String.class, id).stream()
                .anyMatch(state -> state.equals("RUNNING") || state.equals("SWITCHING"));
    }

    public Optional<ReplayView> find(UUID id) {
        return jdbc.query("""
                        select id, projection, state, requested_by, started_at, updated_at, finished_at, events_read,
                            positions, end_offsets, rate_per_second, result, error from replay where id = ?""",
                (rs, n) -> ReplayView.of(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                        rs.getLong(8), read(rs.getString(9), new TypeReference<Map<String, Long>>() { }),
                        read(rs.getString(10), new TypeReference<Map<String, Long>>() { }), rs.getBigDecimal(11),
                        rs.getString(12) == null ? null : read(rs.getString(12), new TypeReference<Map<String, Object>>() { }),
                        rs.getString(13)),
                id).stream().findFirst();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
