package dev.helpdesk.webhooks.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.pipeline.inbound.TopicListener;
import dev.helpdesk.pipeline.inbound.TopicListeners;
import dev.helpdesk.webhooks.delivery.DeliveryQueue;
import dev.helpdesk.webhooks.domain.EventCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the tickets, SLA and escalations topics a poll at a time through the event pipeline; the tickets topic also
 * keeps the contact membership, in the same transaction (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
public class EventListeners {

    @Bean
    TopicListener ticketEventsListener(TopicListeners listeners, ObjectMapper json, DeliveryQueue queue) {
        return listeners.tickets(new DeskEventsHandler(json, queue, "/ticket-service", EventCatalogue.TICKET_TYPES));
    }

    @Bean
    TopicListener slaEventsListener(TopicListeners listeners, ObjectMapper json, DeliveryQueue queue) {
        return listeners.of("sla", new DeskEventsHandler(json, queue, "/sla-service", EventCatalogue.SLA_TYPES));
    }

    @Bean
    TopicListener escalationEventsListener(TopicListeners listeners, ObjectMapper json, DeliveryQueue queue) {
        return listeners.of("escalations",
                new DeskEventsHandler(json, queue, "/escalation-service", EventCatalogue.ESCALATION_TYPES));
    }
}
