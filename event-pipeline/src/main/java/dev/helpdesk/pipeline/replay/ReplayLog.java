package dev.helpdesk.pipeline.replay;

import static dev.helpdesk.pipeline.replay.ReplayStates.instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code replay} table (pipeline-schema.sql): each replay with its progress, written by the instance that runs
 * it, readable from any. A partial unique index on the running replay of a projection makes a second start fail on
 * every instance; a running replay silent for {@link ReplayStates#ABANDONED_AFTER} (its instance died) is failed at
 * the next start ({@link ReplayStates}).
 */
public class ReplayLog {

    record Row(UUID id, String projection, String state, String requestedBy, Instant startedAt, Instant updatedAt,
               Instant finishedAt, long done, long total, long skipped, String error) {
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("id", UUID.class),
            rs.getString("projection"), rs.getString("state"), rs.getString("requested_by"),
            instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("updated_at")),
            instant(rs.getTimestamp("finished_at")), rs.getLong("done"), rs.getLong("total"), rs.getLong("skipped"),
            rs.getString("error"));

    private final JdbcTemplate jdbc;
    private final ReplayStates states;

    public ReplayLog(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.states = new ReplayStates(jdbc, transaction);
    }

    /** Records a replay as running; answers the running one instead when there is one. */
    Optional<UUID> claim(UUID id, String projection, String requestedBy) {
        return states.claim(id, projection, () -> jdbc.update("""
                INSERT INTO replay (id, projection, state, requested_by, started_at, updated_at)
                VALUES (?, ?, 'RUNNING', ?, now(), now())""", id, projection, requestedBy));
    }

    /** Reports progress; answers the state, which is no longer RUNNING once the replay was cancelled. */
    String progressed(UUID id, long done, long total, long skipped) {
        jdbc.update("""
                UPDATE replay SET done = ?, total = greatest(?, total), skipped = ?, updated_at = now()
                WHERE id = ? AND state = 'RUNNING'""", done, total, skipped, id);
        return states.state(id);
    }

    /** The state, locked until the calling transaction ends (a cancel waits for a switch in progress). */
    String lockState(UUID id) {
        return states.lockState(id);
    }

    void completed(UUID id, long done, long skipped) {
        jdbc.update("""
                UPDATE replay SET state = 'COMPLETED', done = ?, total = greatest(?, total), skipped = ?,
                    updated_at = now(), finished_at = now() WHERE id = ?""", done, done, skipped, id);
    }

    /** Fails a running replay; false when it was not running (cancelled, or taken over as abandoned). */
    boolean failed(UUID id, String error) {
        return states.failed(id, error);
    }

    /** Cancels a running replay; false when it is not running. */
    boolean cancel(UUID id) {
        return states.cancel(id);
    }

    Optional<Row> find(UUID id) {
        return jdbc.query("SELECT * FROM replay WHERE id = ?", ROW, id).stream().findFirst();
    }
}
