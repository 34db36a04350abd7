package dev.helpdesk.notifications.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.notifications.config.NotificationProperties;
import dev.helpdesk.notifications.notice.NotificationRules;
import dev.helpdesk.notifications.notice.TicketFacts;
import dev.helpdesk.notifications.outbox.MailOutbox;
import dev.helpdesk.notifications.view.OrganizationViews;
import dev.helpdesk.notifications.view.OrganizationViews.Managers;
import dev.helpdesk.notifications.view.TicketViews;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What notification does with {@code helpdesk.escalations.v1}: a raised escalation mails the managers, with its
 * acknowledgement deadline. The event names the relationship manager from level 2 (events published before it did
 * not): the event's name is taken, else the one the organisation's own events gave (registration, terms changes on
 * the tickets topic). The support manager always comes from the organisation's events.
 */
@Component
public class EscalationEventsHandler implements EventHandler {

    private final ObjectMapper json;
    private final TicketViews tickets;
    private final OrganizationViews organizations;
    private final MailOutbox outbox;
    private final List<String> managerAddresses;

    public EscalationEventsHandler(ObjectMapper json, TicketViews tickets, OrganizationViews organizations,
                                   MailOutbox outbox, NotificationProperties properties) {
        this.json = json;
        this.tickets = tickets;
        this.organizations = organizations;
        this.outbox = outbox;
        this.managerAddresses = properties.managerAddresses();
    }

    @Override
    public boolean handles(String type) {
        return EscalationEventTypes.RAISED.equals(type);
    }

    @Override
    public Object decode(ReceivedEvent event) {
        return ReceivedEvents.data(json, event, EscalationRaisedEvent.class,
                List.of("escalationId", "ticketId", "organizationId", "level"));
    }

    @Override
    public void apply(InboundBatch batch) {
        batch.forEach(event -> {
            EscalationRaisedEvent raised = (EscalationRaisedEvent) event.data();
            TicketFacts ticket = tickets.find(raised.ticketId()).orElseGet(() -> new TicketFacts(raised.ticketId(), null,
                    raised.organizationId(), "", null, false, null));
            Managers managers = organizations.find(raised.organizationId()).orElse(Managers.NONE);
            String relationshipManager = raised.relationshipManager() != null && !raised.relationshipManager().isBlank()
                    ? raised.relationshipManager() : managers.relationshipManager();
            outbox.queue(event, raised.ticketId(), raised.organizationId(), NotificationRules.escalationRaised(
                    ticket, raised, managers.supportManager(), relationshipManager, managerAddresses));
        });
    }
}
