package dev.helpdesk.pipeline.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Values a service stores as JSON text in its own columns (parts of another service's events kept as reference data),
 * written and read back with the service's {@link ObjectMapper}; {@code what} they hold is named in the failure of an
 * unreadable one.
 */
public record JsonColumns(ObjectMapper json, String what) {

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + what + " unreadable: " + text, e);
        }
    }
}
