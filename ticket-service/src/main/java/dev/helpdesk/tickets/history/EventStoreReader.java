package dev.helpdesk.tickets.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.tickets.config.AxonConfig;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code domain_event_entry} directly: a stream in sequence order, or the whole store in global order. The
 * payloads are the published event records in JSON, so they are returned as stored.
 */
@Component
public class EventStoreReader {

    private static final Map<String, String> TYPE_BY_CLASS = EventTypes.all().entrySet().stream()
            .collect(Collectors.toMap(e -> e.getValue().getName(), Map.Entry::getKey));

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<StoredEvent> rows;

    EventStoreReader(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = (rs, n) -> {
            JsonNode metaData = parse(rs.getBytes("meta_data"));
            return new StoredEvent(rs.getLong("global_index"), rs.getString("event_identifier"), rs.getString("type"),
                    rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), typeOf(rs.getString("payload_type")),
                    Instant.parse(rs.getString("time_stamp")), text(metaData, "actor", "system"),
                    text(metaData, AxonConfig.CORRELATION_ID, null), parse(rs.getBytes("payload")));
        };
    }

    public static String typeOf(String payloadClass) {
        return TYPE_BY_CLASS.getOrDefault(payloadClass, payloadClass);
    }

    public List<StoredEvent> stream(String aggregateId) {
        return jdbc.query("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                rows, aggregateId);
    }

    public List<StoredEvent> after(long position, int limit) {
        return jdbc.query("SELECT * FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?",
                rows, position, limit);
    }

    /** The current version (last sequence number) of a stream, -1 when it has no events. */
    public long version(String aggregateId) {
        Long version = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
        return version == null ? -1 : version;
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
