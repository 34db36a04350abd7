package dev.helpdesk.notifications.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.organization.ContactAddedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.TicketAssignedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import dev.helpdesk.notifications.notice.NotificationRules;
import dev.helpdesk.notifications.outbox.MailOutbox;
import dev.helpdesk.notifications.view.OrganizationViews;
import dev.helpdesk.notifications.view.TicketViews;
import dev.helpdesk.notifications.view.UserAddresses;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.inbound.RequiredFields;
import dev.helpdesk.pipeline.inbound.RequiredFieldsHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * What notification does with {@code helpdesk.tickets.v1}: keeps who manages each organisation, contacts' addresses
 * and each ticket's contact and assignee, and queues the mails of public replies, contacts' replies and status
 * changes. Other types are skipped.
 */
@Component
public class TicketEventsHandler extends RequiredFieldsHandler {

    /** The types acted on, each with the data fields it cannot do without. */
    private static final RequiredFields REQUIRED = new RequiredFields(Map.of(
            OrganizationRegisteredEvent.class, List.of("organizationId"),
            OrganizationTermsChangedEvent.class, List.of("organizationId"),
            ContactAddedEvent.class, List.of("organizationId", "userId"),
            TicketOpenedEvent.class, List.of("ticketId", "organizationId"),
            TicketAssignedEvent.class, List.of("ticketId"),
            CommentAddedEvent.class, List.of("ticketId", "visibility", "authorKind"),
            TicketStatusChangedEvent.class, List.of("ticketId", "to")));

    private final TicketViews tickets;
    private final OrganizationViews organizations;
    private final UserAddresses addresses;
    private final MailOutbox outbox;

    public TicketEventsHandler(ObjectMapper json, TicketViews tickets, OrganizationViews organizations,
                               UserAddresses addresses, MailOutbox outbox) {
        super(REQUIRED, json);
        this.tickets = tickets;
        this.organizations = organizations;
        this.addresses = addresses;
        this.outbox = outbox;
    }

    @Override
    protected void apply(InboundEvent event) {
        Object data = event.data();
        if (data instanceof OrganizationRegisteredEvent e) {
            organizations.managers(e.organizationId(), e.name(), e.supportManager(), e.relationshipManager());
        } else if (data instanceof OrganizationTermsChangedEvent e) {
            organizations.managers(e.organizationId(), e.name(), e.supportManager(), e.relationshipManager());
        } else if (data instanceof ContactAddedEvent e) {
            addresses.record(e.userId(), e.email(), UserAddresses.FROM_CONTACT_EVENT);
        } else if (data instanceof TicketOpenedEvent e) {
            tickets.opened(e);
        } else if (data instanceof TicketAssignedEvent e) {
            tickets.assigned(e.ticketId(), e.assignee());
        } else if (data instanceof CommentAddedEvent e) {
            tickets.find(e.ticketId()).ifPresent(ticket -> outbox.queue(event, ticket.ticketId(),
                    ticket.organizationId(), NotificationRules.commentAdded(ticket, e)));
        } else if (data instanceof TicketStatusChangedEvent e) {
            tickets.find(e.ticketId()).ifPresent(ticket -> outbox.queue(event, ticket.ticketId(),
                    ticket.organizationId(), NotificationRules.statusChanged(ticket, e)));
        }
    }
}
