package dev.helpdesk.sla.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes events of helpdesk.sla.v1 to the outbox, in the caller's transaction; the relay publishes them. Events go
 * in with one statement ({@code unnest} of arrays, in the given order, so ids and thus publication keep per-key order).
 */
@Component
public class OutboxWriter {

    public static final String SOURCE = "/sla-service";
    public static final String AGGREGATE_TYPE = "SlaClock";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public OutboxWriter(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One event of a ticket's SLA stream; {@code sequence} is its position in that stream, {@code data} a record of
     * sla-events.
     */
    public record Event(String ticketId, String type, Instant time, long sequence, String correlationId, Object data) {
    }

    /** Appends the events in order, each with a new event id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Event> events) {
        int size = events.size();
        String[] ids = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] payloads = new String[size];
        String[] correlationIds = new String[size];
        for (int i = 0; i < size; i++) {
            Event event = events.get(i);
            ids[i] = UUID.randomUUID().toString();
            keys[i] = event.ticketId();
            types[i] = event.type();
            correlationIds[i] = event.correlationId();
            EventEnvelope<Object> envelope = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, ids[i],
                    event.type(), SOURCE, event.ticketId(), event.time(), EventEnvelope.DATA_CONTENT_TYPE, AGGREGATE_TYPE,
                    event.sequence(), null, "system", event.correlationId(), event.data());
            try {
                payloads[i] = json.writeValueAsString(envelope);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        jdbc.update("""
                INSERT INTO outbox (event_id, record_key, type, payload, correlation_id)
                SELECT e.id, e.record_key, e.type, e.payload, e.correlation_id
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     WITH ORDINALITY AS e (id, record_key, type, payload, correlation_id, position)
                ORDER BY e.position""", ids, keys, types, payloads, correlationIds);
    }
}
