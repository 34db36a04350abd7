package dev.helpdesk.sla.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes ticket-service events to the tickets topic as the ticket service does: CloudEvents JSON, key = ticket id. */
public final class TicketEvents implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, String> producer;
    private final String topic;

    public TicketEvents(String bootstrapServers, String topic) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // one request in flight: bursts to a fresh partition must arrive in order without a sequence reset
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new StringSerializer());
        this.topic = topic;
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public String opened(String ticketId, String organizationId, Plan plan, CalendarKind calendar, String zone,
                         TicketType type, Severity severity, Instant at) {
        return publish(ticketId, new TicketOpenedEvent(ticketId, "HD-1", organizationId, plan, calendar, zone, type,
                severity, "Site down", "Nothing loads", Channel.PORTAL, null, null, null, "contact-1",
                ActorKind.CONTACT, at));
    }

    public String registered(String organizationId, Plan plan, CalendarKind calendar, String zone) {
        return publish(organizationId, new dev.helpdesk.events.organization.OrganizationRegisteredEvent(organizationId,
                "Org " + organizationId, plan, calendar, zone, null, null, 5, null, null));
    }

    /** The ticket-service's record of a contact added to an organisation (keyed by the organisation). */
    public String contactAdded(String organizationId, String userId) {
        return publish(organizationId, new dev.helpdesk.events.organization.ContactAddedEvent(organizationId, userId,
                "Contact " + userId, userId + "@example.org"));
    }

    /** The ticket-service's record of a contact removed from an organisation. */
    public String contactRemoved(String organizationId, String userId) {
        return publish(organizationId, new dev.helpdesk.events.organization.ContactRemovedEvent(organizationId, userId));
    }

    public String comment(String ticketId, ActorKind author, Visibility visibility, Instant at) {
        return publish(ticketId, new CommentAddedEvent(ticketId, newId(), "someone", author, visibility, "Hello", at));
    }

    public String status(String ticketId, TicketStatus from, TicketStatus to, Instant at) {
        return publish(ticketId, new TicketStatusChangedEvent(ticketId, from, to, null, "agent-1", ActorKind.STAFF, false, at));
    }

    public String reopened(String ticketId, Instant at) {
        return publish(ticketId, new TicketReopenedEvent(ticketId, "still broken", "contact-1", ActorKind.CONTACT, at));
    }

    public String severity(String ticketId, Severity from, Severity to, Instant at) {
        return publish(ticketId, new SeverityChangedEvent(ticketId, from, to, "impact changed", "agent-1", at));
    }

    /** Publishes an event with a new id and answers that id. */
    public String publish(String key, Object data) {
        return publishWithId(newId(), key, data);
    }

    public String publishWithId(String eventId, String key, Object data) {
        String type = EventTypes.typeOf(data.getClass()).orElseThrow();
        EventEnvelope<Object> envelope = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, eventId, type,
                "/ticket-service", key, Instant.now(), EventEnvelope.DATA_CONTENT_TYPE, "Ticket", 0, null, "tester",
                "corr-" + eventId, data);
        try {
            sendRaw(key, JSON.writeValueAsString(envelope));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    public void sendRaw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the values under one key at once (then flushes), so that a consumer most likely reads them in one poll. */
    public void sendAllRaw(String key, java.util.List<String> values) {
        values.forEach(value -> producer.send(new ProducerRecord<>(topic, key, value)));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
