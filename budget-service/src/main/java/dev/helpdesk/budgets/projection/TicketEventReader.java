package dev.helpdesk.budgets.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.organization.BudgetPurchasedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.SupportPeriodChangedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.events.ticket.TimeEntryReversedEvent;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a record value (CloudEvents JSON, {@code EventEnvelope}) into an {@link IncomingEvent}. Types the budget
 * does not need, or does not know yet, are skipped (empty); anything unreadable or invalid is a
 * {@link MalformedEventException}.
 */
@Component
public class TicketEventReader {

    private static final Set<Class<?>> APPLIED = Set.of(OrganizationRegisteredEvent.class,
            SupportPeriodChangedEvent.class, BudgetPurchasedEvent.class, TimeEntryLoggedEvent.class,
            TimeEntryReversedEvent.class);

    private final ObjectMapper objectMapper;

    public TicketEventReader(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public Optional<IncomingEvent> read(String value) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("empty record value");
        }
        JsonNode envelope;
        try {
            envelope = objectMapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON");
        }
        if (envelope == null || !envelope.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        String id = requiredText(envelope, "id");
        String type = requiredText(envelope, "type");
        Optional<Class<?>> eventClass = EventTypes.classOf(type).filter(APPLIED::contains);
        if (eventClass.isEmpty()) {
            return Optional.empty();
        }
        JsonNode data = envelope.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("data missing");
        }
        Object event;
        try {
            event = objectMapper.treeToValue(data, eventClass.get());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("data does not match " + type);
        }
        Instant time = instant(envelope.get("time"));
        EventValidation.check(event, time);
        return Optional.of(new IncomingEvent(id, type, time, text(envelope.get("correlationid")), event));
    }

    private static String requiredText(JsonNode envelope, String field) {
        String text = text(envelope.get(field));
        if (text == null || text.isBlank() || text.length() > 200) {
            throw new MalformedEventException(field + " missing or invalid");
        }
        return text;
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.asText();
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("time is not an ISO-8601 instant");
        }
    }
}
