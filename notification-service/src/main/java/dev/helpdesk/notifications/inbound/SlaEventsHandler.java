package dev.helpdesk.notifications.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import dev.helpdesk.notifications.notice.NotificationRules;
import dev.helpdesk.notifications.outbox.MailOutbox;
import dev.helpdesk.notifications.view.TicketViews;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import org.springframework.stereotype.Component;

import java.util.List;

/** What notification does with {@code helpdesk.sla.v1}: an SLA warning mails the ticket's contact. */
@Component
public class SlaEventsHandler implements EventHandler {

    private final ObjectMapper json;
    private final TicketViews tickets;
    private final MailOutbox outbox;

    public SlaEventsHandler(ObjectMapper json, TicketViews tickets, MailOutbox outbox) {
        this.json = json;
        this.tickets = tickets;
        this.outbox = outbox;
    }

    @Override
    public boolean handles(String type) {
        return SlaEventTypes.WARNING_REACHED.equals(type);
    }

    @Override
    public Object decode(ReceivedEvent event) {
        return ReceivedEvents.data(json, event, SlaWarningReachedEvent.class,
                List.of("ticketId", "metric", "thresholdPercent"));
    }

    @Override
    public void apply(InboundBatch batch) {
        batch.forEach(event -> {
            SlaWarningReachedEvent warning = (SlaWarningReachedEvent) event.data();
            tickets.find(warning.ticketId()).ifPresent(ticket -> outbox.queue(event, ticket.ticketId(),
                    ticket.organizationId(), NotificationRules.slaWarning(ticket, warning)));
        });
    }
}
