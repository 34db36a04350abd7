package dev.helpdesk.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Channel;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Produces records to the tickets, SLA and escalations topics as their producers publish them. */
final class DeskEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;
    private final String tickets;
    private final String sla;
    private final String escalations;

    DeskEvents(String bootstrapServers, ObjectMapper json, String tickets, String sla, String escalations) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1));
        this.json = json;
        this.tickets = tickets;
        this.sla = sla;
        this.escalations = escalations;
    }

    EventEnvelope<Object> opened(String ticketId, String organizationId) {
        return ticketEvent(ticketId, new TicketOpenedEvent(ticketId, "HD-" + ticketId.substring(0, 4), organizationId,
                Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", TicketType.INCIDENT, Severity.S2, "Site down",
                "Nothing loads", Channel.PORTAL, null, null, null, "contact-1", ActorKind.CONTACT, Instant.now()));
    }

    EventEnvelope<Object> statusChanged(String ticketId, TicketStatus from, TicketStatus to) {
        return ticketEvent(ticketId, new TicketStatusChangedEvent(ticketId, from, to, null, "agent-1", ActorKind.STAFF,
                false, Instant.now()));
    }

    EventEnvelope<Object> comment(String ticketId, Visibility visibility, String body) {
        return ticketEvent(ticketId, new CommentAddedEvent(ticketId, UUID.randomUUID().toString(), "agent-1",
                ActorKind.STAFF, visibility, body, Instant.now()));
    }

    EventEnvelope<Object> slaBreached(String ticketId, String organizationId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticketId);
        data.put("organizationId", organizationId);
        data.put("metric", "FIRST_RESPONSE");
        data.put("severity", "S2");
        data.put("dueAt", Instant.now().minusSeconds(1).toString());
        data.put("breachedAt", Instant.now().toString());
        return send(sla, envelope("helpdesk.sla.breached.v1", "/sla-service", ticketId, data));
    }

    EventEnvelope<Object> escalationRaised(String ticketId, String organizationId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("escalationId", UUID.randomUUID().toString());
        data.put("ticketId", ticketId);
        data.put("organizationId", organizationId);
        data.put("level", 1);
        data.put("levelName", "Team lead");
        data.put("trigger", "SLA_BREACH");
        data.put("raisedAt", Instant.now().toString());
        data.put("acknowledgeBy", Instant.now().plusSeconds(3600).toString());
        return send(escalations, envelope("helpdesk.escalation.raised.v1", "/escalation-service", ticketId, data));
    }

    private EventEnvelope<Object> ticketEvent(String ticketId, Object data) {
        return send(tickets, envelope(EventTypes.typeOf(data.getClass()).orElseThrow(), "/ticket-service", ticketId, data));
    }

    private static EventEnvelope<Object> envelope(String type, String source, String subject, Object data) {
        return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), type, source, subject,
                Instant.now(), EventEnvelope.DATA_CONTENT_TYPE, "Ticket", 0, null, "someone", "corr-" + subject, data);
    }

    private EventEnvelope<Object> send(String topic, EventEnvelope<Object> envelope) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, envelope.subject(),
                    json.writeValueAsString(envelope));
            record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes());
            producer.send(record).get();
            return envelope;
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce " + envelope.type(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
