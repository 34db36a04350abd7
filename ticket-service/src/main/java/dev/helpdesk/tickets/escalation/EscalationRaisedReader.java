package dev.helpdesk.tickets.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;

/** Reads the data of {@code helpdesk.escalation.raised.v1} into escalation-events' record, with what the ticket needs. */
final class EscalationRaisedReader {

    private final ObjectMapper json;

    EscalationRaisedReader(ObjectMapper json) {
        this.json = json;
    }

    /** @throws IllegalArgumentException when the data does not match the record or lacks what the ticket records */
    EscalationRaisedEvent read(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("data is missing");
        }
        EscalationRaisedEvent raised;
        try {
            raised = json.treeToValue(data, EscalationRaisedEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("data does not match " + EscalationRaisedEvent.class.getSimpleName()
                    + ": " + e.getOriginalMessage());
        }
        requireText(raised.escalationId(), "escalationId");
        requireText(raised.ticketId(), "ticketId");
        requireText(raised.trigger(), "trigger");
        if (raised.level() < 1 || raised.level() > 3) {
            throw new IllegalArgumentException("level must be 1, 2 or 3");
        }
        if (raised.raisedAt() == null) {
            throw new IllegalArgumentException("raisedAt must be an ISO-8601 instant");
        }
        return raised;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException(field + " is missing or invalid");
        }
    }
}
