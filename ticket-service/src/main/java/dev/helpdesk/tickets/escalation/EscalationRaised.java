package dev.helpdesk.tickets.escalation;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The fields of {@code helpdesk.escalation.raised.v1} the ticket records, validated. */
record EscalationRaised(String escalationId, String ticketId, int level, String trigger, Instant raisedAt) {

    static EscalationRaised from(JsonNode data) {
        String escalationId = text(data, "escalationId");
        String ticketId = text(data, "ticketId");
        JsonNode level = data.path("level");
        if (!level.canConvertToInt() || level.asInt() < 1 || level.asInt() > 3) {
            throw new IllegalArgumentException("level must be 1, 2 or 3");
        }
        try {
            return new EscalationRaised(escalationId, ticketId, level.asInt(), text(data, "trigger"),
                    Instant.parse(text(data, "raisedAt")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("raisedAt must be an ISO-8601 instant");
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
            throw new IllegalArgumentException(field + " is missing or invalid");
        }
        return value.asText();
    }
}
