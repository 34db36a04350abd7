package dev.helpdesk.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads record values of every helpdesk topic (CloudEvents 1.0, structured JSON, see {@link EventEnvelope}).
 * Tolerant of attributes it does not know; strict on the ones consumers rely on. Anything else is an
 * {@link UnreadableEventException} that says what is wrong, so a consumer can set the record aside with a reason.
 */
public final class ReceivedEvents {

    private static final int LONGEST_ID = 200;
    /** W3C Trace Context level 1: version 00, 32 hex trace id, 16 hex parent id, 2 hex flags (lower case). */
    private static final Pattern TRACEPARENT =
            Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    /** W3C Trace Context allows at most 32 list members of at most 256 characters each. */
    private static final int LONGEST_TRACESTATE = 8_192;

    private ReceivedEvents() {
    }

    /**
     * The envelope's {@code type}, read without building the value's tree: the top-level members are scanned in
     * order and the scan stops at {@code type} (the third member as the helpdesk writes envelopes), skipping nested
     * values. Null when the value has no top-level string {@code type} or is not a JSON object; a caller then reads the
     * whole envelope ({@link #read}), which says what is wrong. For consumers that ignore most types: a record of a
     * type they ignore costs no tree and no data binding.
     */
    public static String peekType(ObjectMapper json, String value) {
        if (value == null) {
            return null;
        }
        try (JsonParser parser = json.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("type".equals(name)) {
                    return token == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The envelope of a record value; throws {@link UnreadableEventException} when it is not one. */
    public static ReceivedEvent read(ObjectMapper json, String value) {
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("empty record value");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new UnreadableEventException("record value contains NUL characters");
        }
        JsonNode root;
        try {
            root = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("value is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableEventException("value is not a JSON object");
        }
        String id = text(root, "id");
        if (id == null || id.isBlank() || id.length() > LONGEST_ID) {
            throw new UnreadableEventException("envelope has no valid id");
        }
        String type = text(root, "type");
        if (type == null || type.isBlank() || type.length() > LONGEST_ID) {
            throw new UnreadableEventException("envelope has no valid type");
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new UnreadableEventException(type + " has no data object");
        }
        JsonNode sequence = root.get("sequence");
        String traceparent = traceparent(text(root, "traceparent"));
        String tracestate = traceparent == null ? null : tracestate(text(root, "tracestate"));
        return new ReceivedEvent(id, type, text(root, "subject"), instant(root), sequence != null && sequence.canConvertToLong()
                ? sequence.asLong() : null, text(root, "actor"), text(root, "correlationid"), data, traceparent,
                tracestate);
    }

    /**
     * A well-formed W3C {@code traceparent}, or null. Trace context is advice, never a reason to refuse an event: a
     * malformed one is dropped (the consumer then starts a new trace), as W3C Trace Context asks of a receiver.
     */
    public static String traceparent(String value) {
        return value != null && TRACEPARENT.matcher(value).matches() && !value.startsWith("ff")
                && !value.regionMatches(3, "00000000000000000000000000000000", 0, 32)
                && !value.regionMatches(36, "0000000000000000", 0, 16) ? value : null;
    }

    private static String tracestate(String value) {
        return value == null || value.isBlank() || value.length() > LONGEST_TRACESTATE ? null : value;
    }

    /**
     * Binds the event's data to {@code type} after checking that the {@code required} fields are present, not null
     * and not blank; throws {@link UnreadableEventException} when they are not or the data does not fit the record.
     */
    public static <T> T data(ObjectMapper json, ReceivedEvent event, Class<T> type, List<String> required) {
        for (String field : required) {
            JsonNode node = event.data().get(field);
            if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
                throw new UnreadableEventException(event.type() + " lacks data." + field);
            }
        }
        try {
            return json.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException(event.type() + " data does not match its schema");
        }
    }

    private static Instant instant(JsonNode root) {
        String time = text(root, "time");
        if (time == null) {
            return null;
        }
        try {
            return Instants.parse(time);
        } catch (DateTimeParseException e) {
            throw new UnreadableEventException("time is not an ISO-8601 instant");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
