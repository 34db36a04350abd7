package dev.helpdesk.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes {@code idempotent_request} rows past {@link IdempotencyProperties#retention()} and claims that never got
 * an answer within {@link IdempotencyProperties#claimTimeout()} (their request died with its process), every
 * {@link IdempotencyProperties#pruneInterval()}, in batches, on a thread of its own. The filter also releases an
 * expired key or a dead claim itself when the key comes back, so this only keeps the table small.
 */
public class IdempotencyRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final IdempotencyProperties properties;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;

    public IdempotencyRetention(JdbcTemplate jdbc, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Deletes expired keys and dead claims; answers how many (by the database's clock, which wrote created_at). */
    public int prune() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("DELETE FROM idempotent_request WHERE ctid = ANY (ARRAY(SELECT ctid FROM "
                    + "idempotent_request WHERE created_at < now() - make_interval(secs => ?) OR (status IS NULL "
                    + "AND created_at < now() - make_interval(secs => ?)) LIMIT " + BATCH + "))",
                    seconds(properties.retention()), seconds(properties.claimTimeout()));
            total += deleted;
        } while (deleted == BATCH && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            log.info("Pruned {} expired Idempotency-Keys and dead claims", total);
        }
        return total;
    }

    static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    @Override
    public void start() {
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "idempotency-retention");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.pruneInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                prune();
            } catch (RuntimeException e) {
                log.warn("Pruning idempotent_request failed, will try again: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
