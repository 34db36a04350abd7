package dev.helpdesk.budgets.threshold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventEnvelope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/** Writes the service's own events into the outbox, in the caller's transaction; {@link OutboxRelay} publishes them. */
@Component
public class Outbox {

    public static final String SOURCE = "/budget-service";
    public static final String AGGREGATE_TYPE = "Budget";

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;

    public Outbox(JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    public void append(String organizationId, String type, Object data, Instant time, String correlationId) {
        String eventId = UUID.randomUUID().toString();
        Long sequence = jdbc.queryForObject("select count(*) from outbox where record_key = ?", Long.class, organizationId);
        EventEnvelope<Object> envelope = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, eventId, type, SOURCE,
                organizationId, time, EventEnvelope.DATA_CONTENT_TYPE, AGGREGATE_TYPE, sequence, null, "system",
                correlationId, data);
        try {
            jdbc.update("""
                    insert into outbox (event_id, record_key, event_type, payload, correlation_id)
                    values (?, ?, ?, ?, ?)""",
                    eventId, organizationId, type, objectMapper.writeValueAsString(envelope), correlationId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write event " + type, e);
        }
    }
}
