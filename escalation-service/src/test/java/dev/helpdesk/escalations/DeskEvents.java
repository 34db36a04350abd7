package dev.helpdesk.escalations;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.sla.SlaBusinessHours;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaOrganizationCalendarChangedEvent;
import dev.helpdesk.events.ticket.EscalationRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Produces records to the tickets and SLA topics exactly as the ticket-service and the sla-service publish them. */
final class DeskEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper objectMapper;
    private final String ticketsTopic;
    private final String slaTopic;

    DeskEvents(String bootstrapServers, ObjectMapper objectMapper, String ticketsTopic, String slaTopic) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                // one request in flight: a burst to a fresh partition once failed with OutOfOrderSequenceException
                // on the in-process broker and was retried for ever, holding the records behind it back
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1));
        this.objectMapper = objectMapper;
        this.ticketsTopic = ticketsTopic;
        this.slaTopic = slaTopic;
    }

    EventEnvelope<Object> organizationRegistered(String organizationId, Plan plan, CalendarKind calendar, String zone, String supportManager) {
        return sendTicketEvent(organizationId, new OrganizationRegisteredEvent(organizationId, "Org " + organizationId, plan,
                calendar, zone, LocalDate.now().minusMonths(1), LocalDate.now().plusYears(1), 3, supportManager, null));
    }

    EventEnvelope<Object> organizationRegistered(String organizationId, Plan plan, CalendarKind calendar, String zone,
                                                 String supportManager, String relationshipManager) {
        return sendTicketEvent(organizationId, new OrganizationRegisteredEvent(organizationId, "Org " + organizationId, plan,
                calendar, zone, LocalDate.now().minusMonths(1), LocalDate.now().plusYears(1), 3, supportManager, null,
                relationshipManager));
    }

    /** An admin named another relationship manager, in effect from {@code effectiveFrom} (the other terms unchanged). */
    EventEnvelope<Object> relationshipManagerChanged(String organizationId, Plan plan, String relationshipManager,
                                                     Instant effectiveFrom) {
        return sendTicketEvent(organizationId, new OrganizationTermsChangedEvent(organizationId, "Org " + organizationId,
                plan, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", 3, null, relationshipManager, null, null,
                List.of("relationshipManager"), effectiveFrom, "admin-1", Instant.now()));
    }

    /** An admin named another support manager, in effect from {@code effectiveFrom} (the other terms unchanged). */
    EventEnvelope<Object> supportManagerChanged(String organizationId, Plan plan, String supportManager, Instant effectiveFrom) {
        return sendTicketEvent(organizationId, new OrganizationTermsChangedEvent(organizationId, "Org " + organizationId,
                plan, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", 3, supportManager, null, null, null,
                List.of("supportManager"), effectiveFrom, "admin-1", Instant.now()));
    }

    /**
     * The sla-service's {@code organization-calendar-changed} of an organisation, at {@code sequence} in its stream
     * ({@code organization/<id>}, also the key).
     */
    EventEnvelope<Object> organizationCalendarChanged(String organizationId, long sequence, String zone,
                                                      Map<DayOfWeek, List<SlaBusinessHours>> week, List<LocalDate> holidays,
                                                      Instant effectiveFrom) {
        SlaOrganizationCalendarChangedEvent data = new SlaOrganizationCalendarChangedEvent(organizationId, "custom-" + organizationId,
                sequence, zone, week, holidays, effectiveFrom);
        String subject = "organization/" + organizationId;
        EventEnvelope<Object> envelope = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(),
                SlaEventTypes.ORGANIZATION_CALENDAR_CHANGED, "/sla-service", subject, Instant.now(),
                EventEnvelope.DATA_CONTENT_TYPE, "SlaOrganizationCalendar", sequence, null, "system", "corr-" + subject, data);
        return send(slaTopic, envelope);
    }

    EventEnvelope<Object> ticketOpened(String ticketId, String organizationId, Plan plan, CalendarKind calendar, String zone, Severity severity) {
        return sendTicketEvent(ticketId, new TicketOpenedEvent(ticketId, "HD-" + ticketId.substring(0, 4), organizationId, plan,
                calendar, zone, TicketType.INCIDENT, severity, "Site down", "Nothing loads", Channel.PORTAL, null, null, null,
                "contact-1", ActorKind.CONTACT, Instant.now()));
    }

    EventEnvelope<Object> escalationRequested(String ticketId, String organizationId, String contact) {
        return sendTicketEvent(ticketId, new EscalationRequestedEvent(ticketId, organizationId, "No answer for hours", contact,
                ActorKind.CONTACT, Instant.now()));
    }

    /** The ticket-service's record of a contact added to an organisation (keyed by the organisation). */
    EventEnvelope<Object> contactAdded(String organizationId, String userId) {
        return sendTicketEvent(organizationId, new dev.helpdesk.events.organization.ContactAddedEvent(organizationId, userId,
                "Contact " + userId, userId + "@example.org"));
    }

    EventEnvelope<Object> contactRemoved(String organizationId, String userId) {
        return sendTicketEvent(organizationId, new dev.helpdesk.events.organization.ContactRemovedEvent(organizationId, userId));
    }

    EventEnvelope<Object> statusChanged(String ticketId, TicketStatus from, TicketStatus to) {
        return sendTicketEvent(ticketId, new TicketStatusChangedEvent(ticketId, from, to, null, "agent-1", ActorKind.STAFF, false, Instant.now()));
    }

    EventEnvelope<Object> reopened(String ticketId) {
        return sendTicketEvent(ticketId, new TicketReopenedEvent(ticketId, "Still broken", "contact-1", ActorKind.CONTACT, Instant.now()));
    }

    EventEnvelope<Object> severityChanged(String ticketId, Severity from, Severity to) {
        return sendTicketEvent(ticketId, new SeverityChangedEvent(ticketId, from, to, "impact changed", "agent-1", Instant.now()));
    }

    EventEnvelope<Object> slaBreached(String ticketId, String organizationId, Severity severity) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticketId);
        data.put("organizationId", organizationId);
        data.put("metric", "FIRST_RESPONSE");
        data.put("severity", severity.name());
        data.put("dueAt", Instant.now().minusSeconds(1).toString());
        data.put("breachedAt", Instant.now().toString());
        data.put("policyVersion", 3); // a field this service does not know: ignored
        return send(slaTopic, envelope("helpdesk.sla.breached.v1", "/sla-service", ticketId, data));
    }

    EventEnvelope<Object> slaWarningReached(String ticketId, String organizationId, Severity severity, int thresholdPercent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticketId);
        data.put("organizationId", organizationId);
        data.put("metric", "RESOLUTION");
        data.put("severity", severity.name());
        data.put("thresholdPercent", thresholdPercent);
        data.put("dueAt", Instant.now().plusSeconds(600).toString());
        data.put("at", Instant.now().toString());
        return send(slaTopic, envelope("helpdesk.sla.warning-reached.v1", "/sla-service", ticketId, data));
    }

    /** Sends an envelope again, unchanged (same event id), as an at-least-once producer may. */
    void resend(EventEnvelope<Object> envelope) {
        String topic = envelope.source().equals("/sla-service") ? slaTopic : ticketsTopic;
        send(topic, envelope);
    }

    /** The record value of an event of the tickets topic, as the ticket-service writes it (not sent). */
    String ticketEventJson(String subject, Object data) {
        return json(envelope(EventTypes.typeOf(data.getClass()).orElseThrow(), "/ticket-service", subject, data));
    }

    /** The record value of an event of the SLA topic, as the sla-service writes it (not sent). */
    String slaEventJson(String type, String subject, Map<String, Object> data) {
        return json(envelope(type, "/sla-service", subject, data));
    }

    /** A record value with the envelope attributes a producer gives and the data as it stands (not sent). */
    static String rawEnvelope(String id, String type, String subject, String dataJson) {
        return """
                {"specversion":"1.0","id":"%s","type":"%s","source":"/test","subject":"%s","time":"%s","data":%s}"""
                .formatted(id, type, subject, Instant.now(), dataJson);
    }

    /** Sends the values under one key (one partition, in order) without waiting between them, as one burst. */
    void sendTicketRecords(String key, List<String> values) {
        sendAll(ticketsTopic, key, values);
    }

    void sendSlaRecords(String key, List<String> values) {
        sendAll(slaTopic, key, values);
    }

    private void sendAll(String topic, String key, List<String> values) {
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
        producer.flush();
    }

    static OrganizationRegisteredEvent organization(String organizationId, Plan plan, String zone, String supportManager) {
        return new OrganizationRegisteredEvent(organizationId, "Org " + organizationId, plan, CalendarKind.TWENTY_FOUR_SEVEN,
                zone, LocalDate.now().minusMonths(1), LocalDate.now().plusYears(1), 3, supportManager, null);
    }

    static TicketOpenedEvent opening(String ticketId, String organizationId, Plan plan, String zone, Severity severity) {
        return new TicketOpenedEvent(ticketId, "HD-" + ticketId.substring(0, 4), organizationId, plan,
                CalendarKind.TWENTY_FOUR_SEVEN, zone, TicketType.INCIDENT, severity, "Site down", "Nothing loads",
                Channel.PORTAL, null, null, null, "contact-1", ActorKind.CONTACT, Instant.now());
    }

    static EscalationRequestedEvent request(String ticketId, String organizationId) {
        return new EscalationRequestedEvent(ticketId, organizationId, "No answer for hours", "contact-1", ActorKind.CONTACT,
                Instant.now());
    }

    static Map<String, Object> breach(String ticketId, String organizationId, Severity severity) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticketId);
        data.put("organizationId", organizationId);
        data.put("metric", "FIRST_RESPONSE");
        data.put("severity", severity.name());
        data.put("dueAt", Instant.now().minusSeconds(1).toString());
        data.put("breachedAt", Instant.now().toString());
        return data;
    }

    private String json(EventEnvelope<Object> envelope) {
        try {
            return objectMapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void sendRawTicketRecord(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(ticketsTopic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private EventEnvelope<Object> sendTicketEvent(String key, Object data) {
        String type = EventTypes.typeOf(data.getClass()).orElseThrow();
        return send(ticketsTopic, envelope(type, "/ticket-service", key, data));
    }

    private static EventEnvelope<Object> envelope(String type, String source, String subject, Object data) {
        return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), type, source, subject,
                Instant.now(), EventEnvelope.DATA_CONTENT_TYPE, "Ticket", 0, null, "someone", "corr-" + subject, data);
    }

    private EventEnvelope<Object> send(String topic, EventEnvelope<Object> envelope) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, envelope.subject(), objectMapper.writeValueAsString(envelope));
            record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes());
            producer.send(record).get();
            return envelope;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce " + envelope.type(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
