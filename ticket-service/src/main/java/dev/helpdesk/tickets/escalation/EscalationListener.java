package dev.helpdesk.tickets.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.tickets.config.AxonConfig;
import dev.helpdesk.tickets.domain.DomainException;
import dev.helpdesk.tickets.ticket.command.RecordEscalationLevelCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Records each escalation level the escalation service raises on the ticket's own stream. Idempotent by the
 * aggregate (the same escalation and level twice records once), so redelivery is harmless. Unreadable records go to
 * {@code dead_letter} and never block the partition; unknown event types are skipped.
 */
@Component
class EscalationListener {

    private static final Logger log = LoggerFactory.getLogger(EscalationListener.class);

    private final CommandGateway commands;
    private final ObjectMapper json;
    private final JdbcTemplate jdbc;
    private final EscalationRaisedReader reader;

    EscalationListener(CommandGateway commands, ObjectMapper json, JdbcTemplate jdbc) {
        this.commands = commands;
        this.json = json;
        this.jdbc = jdbc;
        this.reader = new EscalationRaisedReader(json);
    }

    @KafkaListener(topics = "${helpdesk.topics.escalations}", groupId = "${spring.kafka.consumer.group-id}")
    void on(ConsumerRecord<String, String> record) {
        EscalationRaisedEvent raised;
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(AxonConfig.ACTOR, "system");
        try {
            JsonNode envelope = json.readTree(record.value());
            if (!EscalationEventTypes.RAISED.equals(envelope.path("type").asText())) {
                return;
            }
            raised = reader.read(envelope.get("data"));
            if (envelope.path("correlationid").isTextual()) {
                metaData.put(AxonConfig.CORRELATION_ID, envelope.path("correlationid").asText());
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        try {
            commands.sendAndWait(new GenericCommandMessage<>(new RecordEscalationLevelCommand(raised.ticketId(),
                    raised.escalationId(), raised.level(), raised.trigger(), raised.raisedAt()), MetaData.from(metaData)));
        } catch (RuntimeException e) {
            if (!isPermanent(e)) {
                throw e; // transient (database down): the container's error handler retries with back-off
            }
            deadLetter(record, "ticket " + raised.ticketId() + " cannot record it: " + e.getClass().getSimpleName());
        }
    }

    /** A refusal that a retry cannot change: the ticket does not exist, or a rule refuses the record. */
    private static boolean isPermanent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateNotFoundException || cause instanceof DomainException) {
                return true;
            }
        }
        return false;
    }

    private void deadLetter(ConsumerRecord<String, String> record, String error) {
        log.warn("Dead letter from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), error);
        jdbc.update("INSERT INTO dead_letter (topic, partition_no, record_offset, value, error) VALUES (?, ?, ?, ?, ?)",
                record.topic(), record.partition(), record.offset(), record.value(),
                error == null ? "unreadable" : error.substring(0, Math.min(error.length(), 1000)));
    }
}
