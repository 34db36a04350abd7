package dev.helpdesk.pipeline.replay;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The states of the rows of a {@code replay} table, whatever else a service's table records of its progress
 * ({@link ReplayLog}'s columns, or the ticket-service's positions): a replay is claimed as {@code RUNNING} (one per
 * projection, by the partial unique index {@code replay_one_running}), then completed, failed or cancelled. A running
 * replay silent for {@link #ABANDONED_AFTER} (its instance died) is failed by the next claim.
 */
public final class ReplayStates {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String CANCELLED = "CANCELLED";
    /** A running replay whose instance has not reported for this long is taken as abandoned. */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public ReplayStates(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Fails the projection's abandoned replay, then runs {@code insert} (the new row, {@code RUNNING}), in one
     * transaction. Empty when claimed; the running replay's id when one runs; {@code id} itself when the running one
     * ended meanwhile (the caller may try again).
     */
    public Optional<UUID> claim(UUID id, String projection, Runnable insert) {
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.update("""
                        UPDATE replay SET state = 'FAILED', error = 'abandoned: its instance stopped reporting',
                            finished_at = now() WHERE projection = ? AND state = 'RUNNING' AND updated_at < ?""",
                        projection, Timestamp.from(Instant.now().minus(ABANDONED_AFTER)));
                insert.run();
            });
            return Optional.empty();
        } catch (DuplicateKeyException e) {
            return Optional.of(running(projection).orElse(id));
        }
    }

    private Optional<UUID> running(String projection) {
        return jdbc.queryForList("SELECT id FROM replay WHERE projection = ? AND state = 'RUNNING'", UUID.class, projection)
                .stream().findFirst();
    }

    public String state(UUID id) {
        return jdbc.queryForObject("SELECT state FROM replay WHERE id = ?", String.class, id);
    }

    /** The state, locked until the calling transaction ends (a cancel waits for a switch in progress). */
    public String lockState(UUID id) {
        return jdbc.queryForObject("SELECT state FROM replay WHERE id = ? FOR UPDATE", String.class, id);
    }

    /** Fails a running replay; false when it was not running (cancelled, or taken over as abandoned). */
    public boolean failed(UUID id, String error) {
        return jdbc.update("""
                UPDATE replay SET state = 'FAILED', error = left(?, 500), updated_at = now(), finished_at = now()
                WHERE id = ? AND state = 'RUNNING'""", error, id) == 1;
    }

    /** Cancels a running replay; false when it is not running. */
    public boolean cancel(UUID id) {
        return jdbc.update("""
                UPDATE replay SET state = 'CANCELLED', updated_at = now(), finished_at = now()
                WHERE id = ? AND state = 'RUNNING'""", id) == 1;
    }

    /** A nullable timestamp column as an instant. */
    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
