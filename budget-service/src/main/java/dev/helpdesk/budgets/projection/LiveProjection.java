package dev.helpdesk.budgets.projection;

import dev.helpdesk.budgets.threshold.ThresholdWatcher;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.tracing.EventSpan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the live ticket events of a poll to the active generation, in the pipeline's one transaction per poll:
 * the facts with their de-duplication marks, the threshold check of the organisations concerned (their running
 * totals, and the outbox rows of what they crossed), and the consumer's position. The budget de-duplicates per
 * generation ({@code processed_event (generation, event_id)}), so that a rebuild can fill a new generation with the
 * same events; the pipeline's own de-duplication is off.
 */
@Component
public class LiveProjection implements EventHandler {

    private final TicketEventReader reader;
    private final ProjectionWriter writer;
    private final Generations generations;
    private final ThresholdWatcher thresholds;
    private final ConsumerPositions positions;
    private final JdbcTemplate jdbc;

    public LiveProjection(TicketEventReader reader, ProjectionWriter writer, Generations generations,
                          ThresholdWatcher thresholds, ConsumerPositions positions, JdbcTemplate jdbc) {
        this.reader = reader;
        this.writer = writer;
        this.generations = generations;
        this.thresholds = thresholds;
        this.positions = positions;
        this.jdbc = jdbc;
    }

    @Override
    public boolean handles(String type) {
        return reader.applies(type);
    }

    @Override
    public Object decode(ReceivedEvent event) {
        return reader.decode(event);
    }

    @Override
    public boolean deduplicates() {
        return false;
    }

    /**
     * A batch without events (its poll held only records set aside) changes nothing and writes nothing, not even
     * the position: see {@code ProjectionRebuild#switchOver} for why a position behind such records is enough.
     */
    @Override
    public void apply(InboundBatch batch) {
        if (batch.events().isEmpty()) {
            return;
        }
        List<IncomingEvent> events = batch.events().stream().map(event -> (IncomingEvent) event.data()).toList();
        int generation = generations.activeForWriting();
        Map<String, InboundEvent> lastByOrganization = new LinkedHashMap<>();
        batch.events().forEach(event -> lastByOrganization.put(
                ProjectionWriter.organizationOf(((IncomingEvent) event.data()).data()), event));
        lockOrganizations(List.copyOf(lastByOrganization.keySet()));
        ProjectionWriter.Applied applied = writer.applyAll(generation, events);
        // Checked even for repeats: a rebuild may have applied them to this generation before it went live. Raised in
        // the span of the causing event, so a crossing continues its trace (docs/observability.md).
        Map<String, List<ThresholdWatcher.Crossing>> crossed =
                thresholds.newlyCrossed(generation, lastByOrganization.keySet(), applied.lines());
        crossed.forEach((organizationId, crossings) -> {
            InboundEvent cause = lastByOrganization.get(organizationId);
            try (EventSpan.Scope scope = cause.span().open()) {
                thresholds.raise(organizationId, crossings, (IncomingEvent) cause.data());
            }
        });
        positions.advance(batch.nextOffsets());
    }

    /**
     * One organisation at a time across instances and partitions: a threshold check must see every entry committed
     * before it, or two concurrent entries could cross a threshold together unnoticed. The batch's locks are taken
     * in one statement, in the order of their keys, so two batches sharing organisations never wait on each other
     * in a cycle.
     */
    private void lockOrganizations(List<String> organizationIds) {
        jdbc.query("""
                select count(pg_advisory_xact_lock(lock_key)) from (
                    select distinct hashtext('budget:' || organization_id) as lock_key
                    from unnest(?::text[]) as organization_id order by lock_key) as ordered""",
                row -> {
                }, (Object) organizationIds.toArray(String[]::new));
    }
}
