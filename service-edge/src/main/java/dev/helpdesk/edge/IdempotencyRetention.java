package dev.helpdesk.edge;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/**
 * Deletes {@code idempotent_request} rows past {@link IdempotencyProperties#retention()} and claims that never got
 * an answer within {@link IdempotencyProperties#claimTimeout()} (their request died with its process), every
 * {@link IdempotencyProperties#pruneInterval()}, in batches, on a thread of its own ({@link BatchedRetention}). The
 * filter also releases an expired key or a dead claim itself when the key comes back, so this only keeps the table
 * small.
 */
public class IdempotencyRetention extends BatchedRetention {

    private final IdempotencyProperties properties;

    public IdempotencyRetention(JdbcTemplate jdbc, IdempotencyProperties properties) {
        // by the database's clock, which wrote created_at
        super(jdbc, "idempotent_request", "created_at < now() - make_interval(secs => ?) OR (status IS NULL "
                + "AND created_at < now() - make_interval(secs => ?))", "idempotency-retention");
        this.properties = properties;
    }

    @Override
    protected Duration pruneInterval() {
        return properties.pruneInterval();
    }

    @Override
    protected Object[] arguments() {
        return new Object[] {seconds(properties.retention()), seconds(properties.claimTimeout())};
    }

    @Override
    protected void pruned(int total) {
        log.info("Pruned {} expired Idempotency-Keys and dead claims", total);
    }
}
