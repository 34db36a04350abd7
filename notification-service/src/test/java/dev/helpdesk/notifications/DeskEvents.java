package dev.helpdesk.notifications;

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
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.events.organization.ContactAddedEvent;
import dev.helpdesk.events.organization.ContactTransferredEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaMetric;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.TicketAssignedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** Produces records to the three topics exactly as the ticket, SLA and escalation services publish them. */
final class DeskEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper objectMapper;
    private final String ticketsTopic;
    private final String slaTopic;
    private final String escalationsTopic;

    DeskEvents(String bootstrapServers, ObjectMapper objectMapper, String ticketsTopic, String slaTopic,
               String escalationsTopic) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1));
        this.objectMapper = objectMapper;
        this.ticketsTopic = ticketsTopic;
        this.slaTopic = slaTopic;
        this.escalationsTopic = escalationsTopic;
    }

    EventEnvelope<Object> organizationRegistered(String organizationId, String supportManager, String relationshipManager) {
        return ticketEvent(organizationId, new OrganizationRegisteredEvent(organizationId, "Org " + organizationId,
                Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN, "Europe/London", LocalDate.now().minusMonths(1),
                LocalDate.now().plusYears(1), 3, supportManager, null, relationshipManager));
    }

    EventEnvelope<Object> contactAdded(String organizationId, String userId, String email) {
        return ticketEvent(organizationId, new ContactAddedEvent(organizationId, userId, "Contact " + userId, email));
    }

    EventEnvelope<Object> contactTransferred(String organizationId, String userId, String toOrganizationId) {
        return ticketEvent(organizationId, new ContactTransferredEvent(organizationId, userId, toOrganizationId, "admin-1",
                Instant.now()));
    }

    EventEnvelope<Object> ticketOpened(String ticketId, String organizationId, String openedBy, ActorKind openedByKind) {
        return ticketEvent(ticketId, new TicketOpenedEvent(ticketId, "HD-" + ticketId.substring(0, 4), organizationId,
                Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN, "Europe/London", TicketType.INCIDENT, Severity.S2,
                "Quiz page broken", "Nothing loads", Channel.PORTAL, null, null, null, openedBy, openedByKind, Instant.now()));
    }

    EventEnvelope<Object> assigned(String ticketId, String assignee) {
        return ticketEvent(ticketId, new TicketAssignedEvent(ticketId, assignee, "manager-1", Instant.now()));
    }

    EventEnvelope<Object> comment(String ticketId, String author, ActorKind kind, Visibility visibility, String body) {
        return ticketEvent(ticketId, new CommentAddedEvent(ticketId, UUID.randomUUID().toString(), author, kind,
                visibility, body, Instant.now()));
    }

    /** A public or internal comment as published at {@code time} (a record read long after it was written). */
    EventEnvelope<Object> commentAt(Instant time, String ticketId, String author, ActorKind kind, String body) {
        CommentAddedEvent data = new CommentAddedEvent(ticketId, UUID.randomUUID().toString(), author, kind,
                Visibility.PUBLIC, body, time);
        return send(ticketsTopic, envelope(EventTypes.typeOf(data.getClass()).orElseThrow(), "/ticket-service", ticketId,
                data, time));
    }

    EventEnvelope<Object> statusChanged(String ticketId, TicketStatus from, TicketStatus to, String resolution) {
        return ticketEvent(ticketId, new TicketStatusChangedEvent(ticketId, from, to, null, "agent-1", ActorKind.STAFF,
                false, Instant.now(), resolution));
    }

    EventEnvelope<Object> slaWarning(String ticketId, String organizationId, int percent) {
        return send(slaTopic, envelope(SlaEventTypes.WARNING_REACHED, "/sla-service", ticketId,
                new SlaWarningReachedEvent(ticketId, organizationId, SlaMetric.RESOLUTION, Severity.S2, percent,
                        Instant.now().plusSeconds(3600), Instant.now())));
    }

    EventEnvelope<Object> escalationRaised(String ticketId, String organizationId, int level, String trigger) {
        return escalationRaised(ticketId, organizationId, level, trigger, null);
    }

    /** An escalation as the escalation-service publishes it now, naming the relationship manager (from level 2). */
    EventEnvelope<Object> escalationRaised(String ticketId, String organizationId, int level, String trigger,
                                           String relationshipManager) {
        return send(escalationsTopic, envelope(EscalationEventTypes.RAISED, "/escalation-service", ticketId,
                new EscalationRaisedEvent(UUID.randomUUID().toString(), ticketId, organizationId, level,
                        "Level " + level, trigger, Instant.now(), Instant.now().plusSeconds(3600), relationshipManager)));
    }

    /** Sends an envelope again, unchanged (same event id), as an at-least-once producer may. */
    void resend(EventEnvelope<Object> envelope) {
        send(ticketsTopic, envelope);
    }

    private EventEnvelope<Object> ticketEvent(String key, Object data) {
        return send(ticketsTopic, envelope(EventTypes.typeOf(data.getClass()).orElseThrow(), "/ticket-service", key, data));
    }

    private static EventEnvelope<Object> envelope(String type, String source, String subject, Object data) {
        return envelope(type, source, subject, data, Instant.now());
    }

    private static EventEnvelope<Object> envelope(String type, String source, String subject, Object data, Instant time) {
        return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), type, source, subject,
                time, EventEnvelope.DATA_CONTENT_TYPE, "Ticket", 0, null, "someone", "corr-" + subject, data);
    }

    private EventEnvelope<Object> send(String topic, EventEnvelope<Object> envelope) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, envelope.subject(),
                    objectMapper.writeValueAsString(envelope));
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
