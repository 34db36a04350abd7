package dev.helpdesk.notifications.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.notifications.config.NotificationProperties;
import dev.helpdesk.notifications.notice.NotificationRules;
import dev.helpdesk.notifications.notice.TicketFacts;
import dev.helpdesk.notifications.outbox.MailOutbox;
import dev.helpdesk.notifications.view.OrganizationViews;
import dev.helpdesk.notifications.view.OrganizationViews.Managers;
import dev.helpdesk.notifications.view.TicketViews;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.inbound.RequiredFields;
import dev.helpdesk.pipeline.inbound.RequiredFieldsHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * What notification does with {@code helpdesk.escalations.v1}: a raised escalation mails the managers, with its
 * acknowledgement deadline. The event names the relationship manager from level 2 (events published before it did
 * not): the event's name is taken, else the one the organisation's own events gave (registration, terms changes on
 * the tickets topic). The support manager always comes from the organisation's events.
 */
@Component
public class EscalationEventsHandler extends RequiredFieldsHandler {

    /** The type acted on, with the data fields it cannot do without. */
    private static final RequiredFields REQUIRED = new RequiredFields(EscalationEventTypes::classOf, Map.of(
            EscalationRaisedEvent.class, List.of("escalationId", "ticketId", "organizationId", "level")));

    private final TicketViews tickets;
    private final OrganizationViews organizations;
    private final MailOutbox outbox;
    private final List<String> managerAddresses;

    public EscalationEventsHandler(ObjectMapper json, TicketViews tickets, OrganizationViews organizations,
                                   MailOutbox outbox, NotificationProperties properties) {
        super(REQUIRED, json);
        this.tickets = tickets;
        this.organizations = organizations;
        this.outbox = outbox;
        this.managerAddresses = properties.managerAddresses();
    }

    @Override
    protected void apply(InboundEvent event) {
        EscalationRaisedEvent raised = (EscalationRaisedEvent) event.data();
        TicketFacts ticket = tickets.find(raised.ticketId()).orElseGet(() -> new TicketFacts(raised.ticketId(), null,
                raised.organizationId(), "", null, false, null));
        Managers managers = organizations.find(raised.organizationId()).orElse(Managers.NONE);
        String relationshipManager = raised.relationshipManager() != null && !raised.relationshipManager().isBlank()
                ? raised.relationshipManager() : managers.relationshipManager();
        outbox.queue(event, raised.ticketId(), raised.organizationId(), NotificationRules.escalationRaised(
                ticket, raised, managers.supportManager(), relationshipManager, managerAddresses));
    }
}
