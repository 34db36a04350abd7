package dev.helpdesk.pipeline.inbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forgets applied event ids ({@code processed_event}) older than {@link InboundProperties#processedRetention()},
 * every {@link InboundProperties#pruneInterval()}, on a thread of its own and in batches (a short transaction each,
 * so the consumers never wait long on it). A repeat is recognised only while its id is kept: the retention must be
 * longer than any record can take to be delivered again (docs/event-pipeline.md, "Retention"). A service whose schema
 * has no {@code processed_event} table is left alone. Every instance prunes; deleting the same rows twice is harmless.
 */
public class ProcessedEventRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventRetention.class);
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final InboundProperties properties;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;

    public ProcessedEventRetention(JdbcTemplate jdbc, InboundProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Deletes the ids recorded before the retention and answers how many (every row of the table, any shape). */
    public int prune() {
        if (jdbc.queryForObject("SELECT to_regclass('processed_event') IS NOT NULL", Boolean.class) != Boolean.TRUE) {
            return 0;
        }
        // the database's clock, which wrote processed_at
        double seconds = properties.processedRetention().toMillis() / 1000.0;
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("DELETE FROM processed_event WHERE ctid = ANY (ARRAY("
                    + "SELECT ctid FROM processed_event WHERE processed_at < now() - make_interval(secs => ?) LIMIT " + BATCH
                    + "))", seconds);
            total += deleted;
        } while (deleted == BATCH && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            log.info("Forgot {} applied event ids older than {}", total, properties.processedRetention());
        }
        return total;
    }

    @Override
    public void start() {
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "processed-event-retention");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.pruneInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pruneAndLog, every, every, TimeUnit.MILLISECONDS);
    }

    private void pruneAndLog() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("Pruning processed_event failed, will try again: {}", e.toString());
        }
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
