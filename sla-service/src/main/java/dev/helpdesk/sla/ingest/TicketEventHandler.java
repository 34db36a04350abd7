package dev.helpdesk.sla.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.pipeline.inbound.RequiredFieldsHandler;
import dev.helpdesk.sla.ticket.TicketEventApplier;
import org.springframework.stereotype.Component;

/**
 * What the SLA clocks take from helpdesk.tickets.v1: registrations and terms changes of organisations, openings,
 * comments, status and severity changes.
 * Other types are skipped without touching the database.
 */
@Component
public class TicketEventHandler extends RequiredFieldsHandler {

    private final TicketEventApplier applier;

    public TicketEventHandler(ObjectMapper json, TicketEventApplier applier) {
        super(TicketEventRules.REQUIRED, json);
        this.applier = applier;
    }

    @Override
    protected void check(ReceivedEvent event, Object data) {
        TicketEventRules.requireValid(event.type(), data);
    }

    /**
     * An opening inserts the ticket and its clocks only if the ticket is unknown (its key decides, and a known
     * ticket's opening writes no event either): its id need not be recorded.
     */
    @Override
    public boolean idempotent(String type) {
        return EventTypes.classOf(type).filter(TicketOpenedEvent.class::equals).isPresent();
    }

    /** The poll goes to the applier whole: it reads and locks the poll's tickets together, and stores them once. */
    @Override
    public void apply(InboundBatch batch) {
        applier.apply(batch);
    }
}
