package dev.helpdesk.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes a table's expired rows every {@link #pruneInterval()}, on a thread of its own and in batches of
 * {@value #BATCH} rows (a short transaction each, so that nothing waits long on it), by the database's clock. The
 * subclass says which rows have expired ({@code condition}, with its {@link #arguments()}) and what to log; every
 * instance prunes, and deleting rows another instance deleted already is harmless. Infrastructure only: the edge's
 * Idempotency-Keys and the pipeline's applied event ids use it (docs/event-pipeline.md, "Retention").
 */
public abstract class BatchedRetention implements SmartLifecycle {

    /** The most rows one statement deletes. */
    public static final int BATCH = 10_000;

    /** The subclass's own logger, so that its lines keep their logger's name. */
    protected final Logger log = LoggerFactory.getLogger(getClass());

    protected final JdbcTemplate jdbc;
    private final String table;
    private final String threadName;
    private final String deleteBatch;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;

    /**
     * @param table      the table pruned
     * @param condition  the SQL condition the expired rows meet, with {@code ?} for {@link #arguments()}
     * @param threadName the name of the thread that prunes on the schedule
     */
    protected BatchedRetention(JdbcTemplate jdbc, String table, String condition, String threadName) {
        this.jdbc = jdbc;
        this.table = table;
        this.threadName = threadName;
        this.deleteBatch = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table + " WHERE "
                + condition + " LIMIT " + BATCH + "))";
    }

    /** How often the rows are pruned (read when the schedule starts). */
    protected abstract Duration pruneInterval();

    /** The values of the condition's parameters, in order. */
    protected abstract Object[] arguments();

    /** Logs that {@code total} rows (more than none) were pruned. */
    protected abstract void pruned(int total);

    /** Whether there is anything to prune at all; by default always. */
    protected boolean applies() {
        return true;
    }

    /** A duration in seconds, as {@code make_interval(secs => ?)} takes it. */
    protected static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** Deletes the expired rows, batch after batch until one is not full, and answers how many. */
    public int prune() {
        if (!applies()) {
            return 0;
        }
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(deleteBatch, arguments());
            total += deleted;
        } while (deleted == BATCH && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            pruned(total);
        }
        return total;
    }

    @Override
    public void start() {
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long every = pruneInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pruneAndLog, every, every, TimeUnit.MILLISECONDS);
    }

    private void pruneAndLog() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("Pruning {} failed, will try again: {}", table, e.toString());
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
