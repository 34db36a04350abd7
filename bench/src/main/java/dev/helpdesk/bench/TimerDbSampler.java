package dev.helpdesk.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A sampling profiler for the database side while a batch fires: every 20 ms, what each active session of the sla
 * database runs and waits on ({@code pg_stat_activity}), counted. Shows which statement the firing spends its
 * database time in, without pg_stat_statements (which needs a server restart to load).
 */
final class TimerDbSampler implements AutoCloseable {

    private final Map<String, Integer> samples = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    TimerDbSampler(String jdbcUrl) throws Exception {
        Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        thread = new Thread(() -> sample(connection), "timer-db-sampler");
        thread.start();
    }

    private void sample(Connection connection) {
        try (connection; Statement sql = connection.createStatement()) {
            while (running.get()) {
                try (ResultSet rows = sql.executeQuery("SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS waiting, "
                        + "regexp_replace(left(query, 70), '\\s+', ' ', 'g') AS statement FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'")) {
                    while (rows.next()) {
                        samples.merge(rows.getString(2) + " | " + rows.getString(1), 1, Integer::sum);
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            if (running.get()) {
                throw new IllegalStateException("database sampling failed", e);
            }
        }
    }

    /** The most frequent (statement | wait) samples, most first. */
    String top(int count) {
        return samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(count)
                .map(e -> String.format("%6d  %s", e.getValue(), e.getKey())).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
