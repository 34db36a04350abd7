package dev.helpdesk.escalations.inbound;

import dev.helpdesk.pipeline.inbound.TopicListener;
import dev.helpdesk.pipeline.inbound.TopicListeners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the two topics escalation acts on, a poll at a time, through the event pipeline; the tickets topic also keeps
 * the contact membership, in the same transaction (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
public class EventListeners {

    @Bean
    TopicListener ticketEventsListener(TopicListeners listeners, TicketEventsHandler tickets) {
        return listeners.tickets(tickets);
    }

    @Bean
    TopicListener slaEventsListener(TopicListeners listeners, SlaEventsHandler sla) {
        return listeners.of("sla", sla);
    }
}
