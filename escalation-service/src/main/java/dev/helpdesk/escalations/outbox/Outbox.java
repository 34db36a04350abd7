package dev.helpdesk.escalations.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventEnvelope;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Writes events of {@code helpdesk.escalations.v1} to the outbox table, in the caller's transaction, so that they
 * are published exactly when the state change they describe is committed.
 */
@Component
public class Outbox {

    public static final String SOURCE = "/escalation-service";
    public static final String AGGREGATE_TYPE = "Escalation";

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;

    public Outbox(JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    /** Appends an event of a ticket; the ticket's row must exist (it numbers the ticket's escalation events). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String ticketId, String type, Object data, String actor, Instant time) {
        Long sequence = jdbc.queryForObject(
                "UPDATE ticket SET event_sequence = event_sequence + 1 WHERE ticket_id = ? RETURNING event_sequence - 1",
                Long.class, ticketId);
        long id = jdbc.queryForObject("SELECT nextval('outbox_id_seq')", Long.class);
        String correlationId = MDC.get("correlationId");
        EventEnvelope<Object> envelope = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), type,
                SOURCE, ticketId, time, EventEnvelope.DATA_CONTENT_TYPE, AGGREGATE_TYPE, sequence, id, actor,
                correlationId, data);
        jdbc.update("INSERT INTO outbox (id, event_id, record_key, payload, correlation_id) VALUES (?, ?, ?, ?, ?)",
                id, envelope.id(), ticketId, json(envelope), correlationId);
    }

    private String json(EventEnvelope<Object> envelope) {
        try {
            return objectMapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise " + envelope.type(), e);
        }
    }
}
