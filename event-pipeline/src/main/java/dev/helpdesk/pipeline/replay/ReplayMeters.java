package dev.helpdesk.pipeline.replay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Replay progress as metrics, per projection, read from the {@code replay} table: every instance reports the same
 * figures, whichever instance runs the replay (the dashboard takes the max). {@code helpdesk.replay.running} is 1
 * while one runs; {@code helpdesk.replay.events.done} and {@code .expected} are the running (else the latest) replay's
 * counts. The table is read at most once per {@link #FRESH_FOR}, and only when the metrics are scraped: an idle
 * service without a scraper reads nothing.
 */
public final class ReplayMeters {

    private static final Logger log = LoggerFactory.getLogger(ReplayMeters.class);
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private record Figures(double running, double done, double total) {
        static final Figures NONE = new Figures(0, 0, 0);
    }

    private final JdbcTemplate jdbc;
    private final Duration freshFor;
    private Map<String, Figures> latest = Map.of();
    private long readAt = Long.MIN_VALUE;
    private boolean failing;

    private ReplayMeters(JdbcTemplate jdbc, Duration freshFor) {
        this.jdbc = jdbc;
        this.freshFor = freshFor;
    }

    public static ReplayMeters register(MeterRegistry meters, JdbcTemplate jdbc, Collection<String> projections) {
        return register(meters, jdbc, projections, FRESH_FOR);
    }

    /** As above, reading the table at most once per {@code freshFor}. */
    public static ReplayMeters register(MeterRegistry meters, JdbcTemplate jdbc, Collection<String> projections,
                                        Duration freshFor) {
        ReplayMeters replayMeters = new ReplayMeters(jdbc, freshFor);
        for (String projection : projections) {
            Gauge.builder("helpdesk.replay.running", replayMeters, m -> m.of(projection).running())
                    .tag("projection", projection).description("1 while a replay of the projection runs on any instance")
                    .register(meters);
            Gauge.builder("helpdesk.replay.events.done", replayMeters, m -> m.of(projection).done())
                    .tag("projection", projection).description("Events read by the running (else the latest) replay")
                    .register(meters);
            Gauge.builder("helpdesk.replay.events.expected", replayMeters, m -> m.of(projection).total())
                    .tag("projection", projection).description("Events the running (else the latest) replay has to read")
                    .register(meters);
        }
        return replayMeters;
    }

    private synchronized Figures of(String projection) {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt >= freshFor.toNanos()) {
            readAt = now;
            latest = read();
        }
        return latest.getOrDefault(projection, Figures.NONE);
    }

    private Map<String, Figures> read() {
        try {
            Map<String, Figures> figures = new HashMap<>();
            // per projection its running replay, else its latest one
            jdbc.query("""
                    SELECT DISTINCT ON (projection) projection, state = 'RUNNING' AS running, done, total FROM replay
                    ORDER BY projection, (state = 'RUNNING') DESC, started_at DESC""", rs -> {
                figures.put(rs.getString("projection"), new Figures(rs.getBoolean("running") ? 1 : 0,
                        rs.getLong("done"), rs.getLong("total")));
            });
            failing = false;
            return figures;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Replay progress cannot be read for the metrics: {}", e.toString());
                failing = true;
            }
            return latest;
        }
    }
}
