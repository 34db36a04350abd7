package dev.helpdesk.notifications.inbound;

import dev.helpdesk.pipeline.inbound.TopicListener;
import dev.helpdesk.pipeline.inbound.TopicListeners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the three topics notification acts on, a poll at a time, through the event pipeline: the mails of a poll are
 * queued in the transaction that records its events as applied. The tickets topic also keeps the contact membership,
 * in the same transaction (docs/security.md): the rule that a contact is mailed only about their organisation's
 * tickets reads it.
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

    @Bean
    TopicListener escalationEventsListener(TopicListeners listeners, EscalationEventsHandler escalations) {
        return listeners.of("escalations", escalations);
    }
}
