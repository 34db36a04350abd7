package dev.helpdesk.webhooks.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.pipeline.inbound.CompositeEventHandler;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundPipeline;
import dev.helpdesk.pipeline.membership.ContactMembershipHandler;
import dev.helpdesk.webhooks.delivery.DeliveryQueue;
import dev.helpdesk.webhooks.domain.EventCatalogue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reads the tickets, SLA and escalations topics a poll at a time through the event pipeline; the tickets topic also
 * keeps the contact membership, in the same transaction (docs/security.md).
 */
@Component
public class EventListeners {

    private final InboundPipeline pipeline;
    private final EventHandler tickets;
    private final EventHandler sla;
    private final EventHandler escalations;

    public EventListeners(InboundPipeline pipeline, ObjectMapper json, DeliveryQueue queue,
                          ObjectProvider<ContactMembershipHandler> membership) {
        this.pipeline = pipeline;
        EventHandler ticketEvents = new DeskEventsHandler(json, queue, "/ticket-service", EventCatalogue.TICKET_TYPES);
        ContactMembershipHandler contacts = membership.getIfAvailable();
        this.tickets = contacts == null ? ticketEvents : new CompositeEventHandler(ticketEvents, contacts);
        this.sla = new DeskEventsHandler(json, queue, "/sla-service", EventCatalogue.SLA_TYPES);
        this.escalations = new DeskEventsHandler(json, queue, "/escalation-service", EventCatalogue.ESCALATION_TYPES);
    }

    @KafkaListener(topics = "${helpdesk.topics.tickets}", batch = "true")
    public void onTicketRecords(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, tickets);
    }

    @KafkaListener(topics = "${helpdesk.topics.sla}", batch = "true")
    public void onSlaRecords(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, sla);
    }

    @KafkaListener(topics = "${helpdesk.topics.escalations}", batch = "true")
    public void onEscalationRecords(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, escalations);
    }
}
