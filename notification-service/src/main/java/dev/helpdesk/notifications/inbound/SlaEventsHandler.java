package dev.helpdesk.notifications.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import dev.helpdesk.notifications.notice.NotificationRules;
import dev.helpdesk.notifications.outbox.MailOutbox;
import dev.helpdesk.notifications.view.TicketViews;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.inbound.RequiredFields;
import dev.helpdesk.pipeline.inbound.RequiredFieldsHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** What notification does with {@code helpdesk.sla.v1}: an SLA warning mails the ticket's contact. */
@Component
public class SlaEventsHandler extends RequiredFieldsHandler {

    /** The type acted on, with the data fields it cannot do without. */
    private static final RequiredFields REQUIRED = new RequiredFields(SlaEventTypes::classOf, Map.of(
            SlaWarningReachedEvent.class, List.of("ticketId", "metric", "thresholdPercent")));

    private final TicketViews tickets;
    private final MailOutbox outbox;

    public SlaEventsHandler(ObjectMapper json, TicketViews tickets, MailOutbox outbox) {
        super(REQUIRED, json);
        this.tickets = tickets;
        this.outbox = outbox;
    }

    @Override
    protected void apply(InboundEvent event) {
        SlaWarningReachedEvent warning = (SlaWarningReachedEvent) event.data();
        tickets.find(warning.ticketId()).ifPresent(ticket -> outbox.queue(event, ticket.ticketId(),
                ticket.organizationId(), NotificationRules.slaWarning(ticket, warning)));
    }
}
