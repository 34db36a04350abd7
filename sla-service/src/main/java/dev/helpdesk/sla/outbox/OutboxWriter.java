package dev.helpdesk.sla.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventEnvelope;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes an event of helpdesk.sla.v1 to the outbox, in the caller's transaction; the relay publishes it. */
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

    @Transactional(propagation = Propagation.MANDATORY)
    public String append(String ticketId, String type, Instant time, long sequence, String correlationId,
                         Map<String, Object> data) {
        String eventId = UUID.randomUUID().toString();
        EventEnvelope<Map<String, Object>> envelope = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, eventId, type,
                SOURCE, ticketId, time, EventEnvelope.DATA_CONTENT_TYPE, AGGREGATE_TYPE, sequence, null, "system",
                correlationId, data);
        try {
            jdbc.update("INSERT INTO outbox (event_id, record_key, type, payload, correlation_id) VALUES (?, ?, ?, ?, ?)",
                    eventId, ticketId, type, json.writeValueAsString(envelope), correlationId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }
}
