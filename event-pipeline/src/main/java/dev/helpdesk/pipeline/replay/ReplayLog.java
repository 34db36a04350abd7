package dev.helpdesk.pipeline.replay;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code replay} table (pipeline-schema.sql): each replay with its progress, written by the instance that runs
 * it, readable from any. A partial unique index on the running replay of a projection makes a second start fail on
 * every instance; a running replay silent for {@link #ABANDONED_AFTER} (its instance died) is failed at the next start.
 */
public class ReplayLog {

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String CANCELLED = "CANCELLED";
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    record Row(UUID id, String projection, String state, String requestedBy, Instant startedAt, Instant updatedAt,
               Instant finishedAt, long done, long total, long skipped, String error) {
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("id", UUID.class),
            rs.getString("projection"), rs.getString("state"), rs.getString("requested_by"),
            instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("updated_at")),
            instant(rs.getTimestamp("finished_at")), rs.getLong("done"), rs.getLong("total"), rs.getLong("skipped"),
            rs.getString("error"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public ReplayLog(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Records a replay as running; answers the running one instead when there is one. */
    Optional<UUID> claim(UUID id, String projection, String requestedBy) {
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.update("""
                        UPDATE replay SET state = 'FAILED', error = 'abandoned: its instance stopped reporting',
                            finished_at = now() WHERE projection = ? AND state = 'RUNNING' AND updated_at < ?""",
                        projection, Timestamp.from(Instant.now().minus(ABANDONED_AFTER)));
                jdbc.update("""
                        INSERT INTO replay (id, projection, state, requested_by, started_at, updated_at)
                        VALUES (?, ?, 'RUNNING', ?, now(), now())""", id, projection, requestedBy);
            });
            return Optional.empty();
        } catch (DuplicateKeyException e) {
            return Optional.of(jdbc.queryForList("SELECT id FROM replay WHERE projection = ? AND state = 'RUNNING'",
                    UUID.class, projection).stream().findFirst().orElse(id));
        }
    }

    /** Reports progress; answers the state, which is no longer RUNNING once the replay was cancelled. */
    String progressed(UUID id, long done, long total, long skipped) {
        jdbc.update("""
                UPDATE replay SET done = ?, total = greatest(?, total), skipped = ?, updated_at = now()
                WHERE id = ? AND state = 'RUNNING'""", done, total, skipped, id);
        return jdbc.queryForObject("SELECT state FROM replay WHERE id = ?", String.class, id);
    }

    /** The state, locked until the calling transaction ends (a cancel waits for a switch in progress). */
    String lockState(UUID id) {
        return jdbc.queryForObject("SELECT state FROM replay WHERE id = ? FOR UPDATE", String.class, id);
    }

    void completed(UUID id, long done, long skipped) {
        jdbc.update("""
                UPDATE replay SET state = 'COMPLETED', done = ?, total = greatest(?, total), skipped = ?,
                    updated_at = now(), finished_at = now() WHERE id = ?""", done, done, skipped, id);
    }

    /** Fails a running replay; false when it was not running (cancelled, or taken over as abandoned). */
    boolean failed(UUID id, String error) {
        return jdbc.update("""
                UPDATE replay SET state = 'FAILED', error = left(?, 500), updated_at = now(), finished_at = now()
                WHERE id = ? AND state = 'RUNNING'""", error, id) == 1;
    }

    /** Cancels a running replay; false when it is not running. */
    boolean cancel(UUID id) {
        return jdbc.update("""
                UPDATE replay SET state = 'CANCELLED', updated_at = now(), finished_at = now()
                WHERE id = ? AND state = 'RUNNING'""", id) == 1;
    }

    Optional<Row> find(UUID id) {
        return jdbc.query("SELECT * FROM replay WHERE id = ?", ROW, id).stream().findFirst();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
