package dev.helpdesk.tickets.replay;

import static dev.helpdesk.pipeline.replay.ReplayStates.instant;

import dev.helpdesk.pipeline.replay.ReplayStates;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code replay} table: each replay with its progress, written by the instance that runs it and readable from
 * any. A unique index on the running replay of a projection makes a second start fail on every instance; the states
 * and their changes are the pipeline's ({@link ReplayStates}), the positions this service's.
 */
@Component
class ReplayRecords {

    record Row(UUID id, String projection, String state, String requestedBy, Instant startedAt, Instant updatedAt,
               Instant finishedAt, long headPosition, long position, long total, long done, String error) {
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("id", UUID.class),
            rs.getString("projection"), rs.getString("state"), rs.getString("requested_by"),
            instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("updated_at")),
            instant(rs.getTimestamp("finished_at")), rs.getLong("head_position"), rs.getLong("position"),
            rs.getLong("total"), rs.getLong("done"), rs.getString("error"));

    private final JdbcTemplate jdbc;
    private final ReplayStates states;

    ReplayRecords(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.states = new ReplayStates(jdbc, transaction);
    }

    /**
     * Records a replay as running unless one of the projection is running already; then answers that one. A running
     * replay silent for {@link ReplayStates#ABANDONED_AFTER} is marked failed first.
     */
    Optional<UUID> claim(UUID id, String projection, String requestedBy, long head, long total) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<UUID> running = states.claim(id, projection, () -> jdbc.update("""
                    INSERT INTO replay (id, projection, state, requested_by, started_at, updated_at, head_position,
                        position, total) VALUES (?, ?, 'RUNNING', ?, now(), now(), ?, -1, ?)""",
                    id, projection, requestedBy, head, total));
            if (running.isEmpty() || !running.get().equals(id)) {
                return running;
            }
        }
        throw new IllegalStateException("Could not claim the " + projection + " replay");
    }

    /** Reports progress; answers the replay's state, which is no longer RUNNING once it was cancelled or taken over. */
    String progressed(UUID id, long position, long done) {
        jdbc.update("UPDATE replay SET position = ?, done = ?, updated_at = now() WHERE id = ? AND state = 'RUNNING'",
                position, done, id);
        return states.state(id);
    }

    /** The state, locked until the calling transaction ends (a cancel waits for a switch in progress). */
    String lockState(UUID id) {
        return states.lockState(id);
    }

    void completed(UUID id, long position, long done) {
        jdbc.update("""
                UPDATE replay SET state = 'COMPLETED', position = ?, done = ?, updated_at = now(), finished_at = now()
                WHERE id = ?""", position, done, id);
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
