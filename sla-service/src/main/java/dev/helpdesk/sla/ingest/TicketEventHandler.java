package dev.helpdesk.sla.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.sla.ticket.TicketEventApplier;
import org.springframework.stereotype.Component;

/**
 * What the SLA clocks take from helpdesk.tickets.v1: registrations and terms changes of organisations, openings,
 * comments, status and severity changes.
 * Other types are skipped without touching the database.
 */
@Component
public class TicketEventHandler implements EventHandler {

    private final ObjectMapper json;
    private final TicketEventApplier applier;

    public TicketEventHandler(ObjectMapper json, TicketEventApplier applier) {
        this.json = json;
        this.applier = applier;
    }

    @Override
    public boolean handles(String type) {
        return EventTypes.classOf(type).filter(TicketEventRules.REQUIRED::containsKey).isPresent();
    }

    @Override
    public Object decode(ReceivedEvent event) {
        Class<?> type = EventTypes.classOf(event.type()).orElseThrow();
        Object data = ReceivedEvents.data(json, event, type, TicketEventRules.REQUIRED.get(type));
        TicketEventRules.requireValid(event.type(), data);
        return data;
    }

    /**
     * An opening inserts the ticket and its clocks only if the ticket is unknown (its key decides, and a known
     * ticket's opening writes no event either): its id need not be recorded.
     */
    @Override
    public boolean idempotent(String type) {
        return EventTypes.classOf(type).filter(TicketOpenedEvent.class::equals).isPresent();
    }

    @Override
    public void apply(InboundBatch batch) {
        applier.apply(batch);
    }
}
