package dev.helpdesk.escalations.inbound;

import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.ticket.EscalationRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Reads {@code helpdesk.tickets.v1}: organisations' contracts, tickets' severity and status, escalation requests. */
@Component
public class TicketEventsListener {

    static final Map<String, EventShape> SHAPES = Map.of(
            type(OrganizationRegisteredEvent.class), new EventShape(OrganizationRegisteredEvent.class,
                    List.of("organizationId", "plan", "calendar", "timeZone")),
            type(TicketOpenedEvent.class), new EventShape(TicketOpenedEvent.class,
                    List.of("ticketId", "organizationId", "severity")),
            type(SeverityChangedEvent.class), new EventShape(SeverityChangedEvent.class, List.of("ticketId", "to")),
            type(TicketStatusChangedEvent.class), new EventShape(TicketStatusChangedEvent.class, List.of("ticketId", "to")),
            type(TicketReopenedEvent.class), new EventShape(TicketReopenedEvent.class, List.of("ticketId")),
            type(EscalationRequestedEvent.class), new EventShape(EscalationRequestedEvent.class,
                    List.of("ticketId", "organizationId")));

    private final InboundRecords inbound;

    public TicketEventsListener(InboundRecords inbound) {
        this.inbound = inbound;
    }

    @KafkaListener(topics = "${helpdesk.topics.tickets}")
    public void onTicketRecord(ConsumerRecord<String, String> record) {
        inbound.receive(record, SHAPES);
    }

    private static String type(Class<?> eventClass) {
        return EventTypes.typeOf(eventClass).orElseThrow();
    }
}
