package dev.helpdesk.sla.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.sla.ticket.TicketEventApplier;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Reads helpdesk.tickets.v1. A record that cannot be parsed or applied is logged with its offset and set aside
 * in dead_letter, and the partition moves on; only transient failures (the database unreachable) are retried.
 */
@Component
public class TicketEventListener {

    private static final Logger log = LoggerFactory.getLogger(TicketEventListener.class);

    private final ObjectMapper json;
    private final TicketEventApplier applier;
    private final DeadLetters deadLetters;

    public TicketEventListener(ObjectMapper json, TicketEventApplier applier, DeadLetters deadLetters) {
        this.json = json;
        this.applier = applier;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(topics = "${helpdesk.topics.tickets}", groupId = "${helpdesk.sla.consumer-group:sla-service}")
    public void onRecord(ConsumerRecord<String, String> record) {
        ParsedEvent parsed;
        try {
            parsed = parse(record.value());
        } catch (RuntimeException | java.io.IOException e) {
            setAside(record, "unreadable: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            return;
        }
        if (parsed == null) {
            return;
        }
        if (parsed.correlationId() != null) {
            MDC.put("correlationId", parsed.correlationId());
        }
        try {
            applier.apply(parsed.id(), parsed.correlationId(), parsed.data());
            log.info("Applied {} {} from {}-{}@{}", parsed.data().getClass().getSimpleName(), parsed.id(),
                    record.topic(), record.partition(), record.offset());
        } catch (DataIntegrityViolationException | IllegalArgumentException | IllegalStateException e) {
            setAside(record, "not applicable: " + firstLine(e.getMessage()));
        } catch (DataAccessException | TransactionException e) {
            throw e; // transient: the container's error handler retries with back-off
        } catch (RuntimeException e) {
            setAside(record, "failed: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** The event, or null for a type this version does not know (skipped, forward compatible). */
    private ParsedEvent parse(String value) throws java.io.IOException {
        if (value == null) {
            throw new IllegalArgumentException("empty value");
        }
        JsonNode envelope = json.readTree(value);
        String id = text(envelope, "id");
        String type = text(envelope, "type");
        if (id == null || type == null || !envelope.hasNonNull("data")) {
            throw new IllegalArgumentException("not a CloudEvent: id, type and data are required");
        }
        Optional<Class<?>> eventClass = EventTypes.classOf(type);
        if (eventClass.isEmpty()) {
            log.debug("Skipping event {} of unknown type {}", id, type);
            return null;
        }
        Object data = json.treeToValue(envelope.get("data"), eventClass.get());
        return new ParsedEvent(id, text(envelope, "correlationid"), data);
    }

    private void setAside(ConsumerRecord<String, String> record, String reason) {
        log.warn("Setting aside record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        deadLetters.store(record, reason);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private record ParsedEvent(String id, String correlationId, Object data) {
    }
}
