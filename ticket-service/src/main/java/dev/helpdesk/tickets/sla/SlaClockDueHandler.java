package dev.helpdesk.tickets.sla;

import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@code ticket_sla_clock}, the due time of each running SLA clock, from {@code helpdesk.sla.v1}: the ticket list
 * sorts by it ({@code sort=sla}). sla-service owns the clocks; this is a copy of one fact of theirs. A row moves only
 * to a later event of its ticket (the envelope's sequence), so repeats and replays of the topic change nothing and
 * the pipeline need not record event ids.
 */
@Component
public class SlaClockDueHandler implements EventHandler {

    private final JdbcTemplate jdbc;

    SlaClockDueHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean handles(String type) {
        return SlaClockDue.concerns(type);
    }

    @Override
    public Object decode(ReceivedEvent event) {
        try {
            return SlaClockDue.of(event);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(event.type() + ": " + e.getMessage());
        }
    }

    /**
     * One statement per poll, whatever its size: the latest event of each clock in the poll (a statement may touch a
     * row once), upserted in key order (two writers never wait for each other in a cycle).
     */
    @Override
    public void apply(InboundBatch batch) {
        Map<String, SlaClockDue> latest = new TreeMap<>();
        batch.forEach(event -> {
            SlaClockDue clock = (SlaClockDue) event.data();
            latest.merge(clock.ticketId() + '\u0000' + clock.metric(), clock,
                    (known, later) -> later.sequence() > known.sequence() ? later : known);
        });
        if (latest.isEmpty()) {
            return;
        }
        List<SlaClockDue> clocks = List.copyOf(latest.values());
        jdbc.update("""
                INSERT INTO ticket_sla_clock (ticket_id, metric, due_at, sequence)
                SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::bigint[])
                ON CONFLICT (ticket_id, metric) DO UPDATE SET due_at = EXCLUDED.due_at, sequence = EXCLUDED.sequence
                WHERE ticket_sla_clock.sequence < EXCLUDED.sequence""",
                clocks.stream().map(SlaClockDue::ticketId).toArray(String[]::new),
                clocks.stream().map(SlaClockDue::metric).toArray(String[]::new),
                clocks.stream().map(c -> c.dueAt() == null ? null : c.dueAt().toString()).toArray(String[]::new),
                clocks.stream().map(SlaClockDue::sequence).toArray(Long[]::new));
    }

    @Override
    public boolean deduplicates() {
        return false;
    }
}
