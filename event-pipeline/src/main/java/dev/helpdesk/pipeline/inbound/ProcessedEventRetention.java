package dev.helpdesk.pipeline.inbound;

import dev.helpdesk.edge.BatchedRetention;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/**
 * Forgets applied event ids ({@code processed_event}) older than {@link InboundProperties#processedRetention()},
 * every {@link InboundProperties#pruneInterval()}, on a thread of its own and in batches ({@link BatchedRetention}:
 * a short transaction each, so the consumers never wait long on it). A repeat is recognised only while its id is
 * kept: the retention must be longer than any record can take to be delivered again (docs/event-pipeline.md,
 * "Retention"). A service whose schema has no {@code processed_event} table is left alone. Every instance prunes;
 * deleting the same rows twice is harmless.
 */
public class ProcessedEventRetention extends BatchedRetention {

    private final InboundProperties properties;

    public ProcessedEventRetention(JdbcTemplate jdbc, InboundProperties properties) {
        // the database's clock, which wrote processed_at
        super(jdbc, "processed_event", "processed_at < now() - make_interval(secs => ?)", "processed-event-retention");
        this.properties = properties;
    }

    /** Only where the schema has the table (every row of it, any shape). */
    @Override
    protected boolean applies() {
        return jdbc.queryForObject("SELECT to_regclass('processed_event') IS NOT NULL", Boolean.class) == Boolean.TRUE;
    }

    @Override
    protected Duration pruneInterval() {
        return properties.pruneInterval();
    }

    @Override
    protected Object[] arguments() {
        return new Object[] {seconds(properties.processedRetention())};
    }

    @Override
    protected void pruned(int total) {
        log.info("Forgot {} applied event ids older than {}", total, properties.processedRetention());
    }
}
