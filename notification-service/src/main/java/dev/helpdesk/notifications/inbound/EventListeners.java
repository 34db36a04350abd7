package dev.helpdesk.notifications.inbound;

import dev.helpdesk.pipeline.inbound.CompositeEventHandler;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundPipeline;
import dev.helpdesk.pipeline.membership.ContactMembershipHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reads the three topics notification acts on, a poll at a time, through the event pipeline: the mails of a poll are
 * queued in the transaction that records its events as applied. The tickets topic also keeps the contact membership,
 * in the same transaction (docs/security.md): the rule that a contact is mailed only about their organisation's
 * tickets reads it.
 */
@Component
public class EventListeners {

    private final InboundPipeline pipeline;
    private final EventHandler tickets;
    private final SlaEventsHandler sla;
    private final EscalationEventsHandler escalations;

    public EventListeners(InboundPipeline pipeline, TicketEventsHandler tickets, SlaEventsHandler sla,
                          EscalationEventsHandler escalations, ObjectProvider<ContactMembershipHandler> membership) {
        this.pipeline = pipeline;
        ContactMembershipHandler contacts = membership.getIfAvailable();
        this.tickets = contacts == null ? tickets : new CompositeEventHandler(tickets, contacts);
        this.sla = sla;
        this.escalations = escalations;
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
