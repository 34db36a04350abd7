package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads record values as EventEnvelope JSON, tolerantly: unknown attributes and data fields are ignored, but the
 * fields this service relies on must be there and well-formed, or the record is invalid.
 */
@Component
public class EventReader {

    private final ObjectMapper objectMapper;

    public EventReader(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public ReceivedEvent envelope(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRecordException("empty record value");
        }
        JsonNode root;
        try {
            root = objectMapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("value is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRecordException("value is not a JSON object");
        }
        String id = text(root, "id");
        String type = text(root, "type");
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new InvalidRecordException("envelope has no valid id");
        }
        if (type == null || type.isBlank()) {
            throw new InvalidRecordException("envelope has no type");
        }
        return new ReceivedEvent(id, type, text(root, "actor"), text(root, "correlationid"), root.get("data"));
    }

    /** The event's data as {@code type}, after checking that {@code required} fields are present and not null. */
    public <T> T data(ReceivedEvent event, Class<T> type, List<String> required) {
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            throw new InvalidRecordException(event.type() + " has no data object");
        }
        for (String field : required) {
            if (!data.hasNonNull(field) || (data.get(field).isTextual() && data.get(field).asText().isBlank())) {
                throw new InvalidRecordException(event.type() + " lacks data." + field);
            }
        }
        try {
            return objectMapper.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidRecordException(event.type() + " data does not match its schema", e);
        }
    }

    public static void requireZone(String timeZone, String field) {
        if (timeZone == null) {
            return;
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidRecordException(field + " is not an IANA time zone");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
