package dev.helpdesk.tickets;

import dev.helpdesk.pipeline.inbound.TopicListener;
import dev.helpdesk.pipeline.inbound.TopicListeners;
import dev.helpdesk.tickets.escalation.EscalationRaisedHandler;
import dev.helpdesk.tickets.sla.SlaClockDueHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the two topics the ticket view takes facts from, a poll at a time, through the event pipeline: the SLA
 * clocks' due times ({@code helpdesk.sla.v1}) and the escalation levels recorded on the tickets' own streams
 * ({@code helpdesk.escalations.v1}). This service does not read its own topic.
 */
@Configuration(proxyBeanMethods = false)
public class EventListeners {

    @Bean
    TopicListener slaClockDueListener(TopicListeners listeners, SlaClockDueHandler clocks) {
        return listeners.of("sla", clocks);
    }

    @Bean
    TopicListener escalationLevelListener(TopicListeners listeners, EscalationRaisedHandler levels) {
        return listeners.of("escalations", levels);
    }
}
