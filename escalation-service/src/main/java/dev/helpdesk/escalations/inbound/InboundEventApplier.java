package dev.helpdesk.escalations.inbound;

import dev.helpdesk.escalations.escalation.EscalationService;
import dev.helpdesk.escalations.escalation.TicketMirror;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.sla.SlaBreachedEvent;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import dev.helpdesk.events.ticket.EscalationRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Applies one received event in one transaction, together with the record of its id (a repeat changes nothing). */
@Component
public class InboundEventApplier {

    private final ProcessedEvents processed;
    private final TicketMirror tickets;
    private final EscalationService escalations;

    public InboundEventApplier(ProcessedEvents processed, TicketMirror tickets, EscalationService escalations) {
        this.processed = processed;
        this.tickets = tickets;
        this.escalations = escalations;
    }

    /** Checks what the required-field check cannot: time zones and value ranges. */
    void validate(Object data) {
        if (data instanceof OrganizationRegisteredEvent e) {
            EventReader.requireZone(e.timeZone(), "data.timeZone");
        } else if (data instanceof TicketOpenedEvent e) {
            EventReader.requireZone(e.timeZone(), "data.timeZone");
        } else if (data instanceof SlaWarningReachedEvent e && (e.thresholdPercent() < 1 || e.thresholdPercent() > 100)) {
            throw new InvalidRecordException("data.thresholdPercent must be between 1 and 100");
        }
    }

    @Transactional
    public void apply(ReceivedEvent event, Object data) {
        if (!processed.firstTime(event.id())) {
            return;
        }
        if (data instanceof OrganizationRegisteredEvent e) {
            escalations.onOrganizationRegistered(e.organizationId(), e.plan(), e.calendar(), e.timeZone(), e.supportManager());
        } else if (data instanceof TicketOpenedEvent e) {
            escalations.onTicketOpened(e.ticketId(), e.organizationId(), e.plan(), e.calendar(), e.timeZone(), e.severity());
        } else if (data instanceof SeverityChangedEvent e) {
            tickets.severityChanged(e.ticketId(), e.to());
        } else if (data instanceof TicketStatusChangedEvent e) {
            statusChanged(e);
        } else if (data instanceof TicketReopenedEvent e) {
            escalations.onTicketUnresolved(e.ticketId());
        } else if (data instanceof EscalationRequestedEvent e) {
            String requestedBy = e.requestedBy() != null ? e.requestedBy() : event.actor();
            escalations.onEscalationRequest(e.ticketId(), e.organizationId(), requestedBy == null ? "unknown" : requestedBy);
        } else if (data instanceof SlaBreachedEvent e) {
            escalations.onSlaBreach(e.ticketId(), e.organizationId(), e.severity());
        } else if (data instanceof SlaWarningReachedEvent e) {
            escalations.onSlaWarning(e.ticketId(), e.organizationId(), e.severity(), e.thresholdPercent());
        }
    }

    private void statusChanged(TicketStatusChangedEvent e) {
        if (e.to() == TicketStatus.RESOLVED) {
            escalations.onTicketEnded(e.ticketId(), "TICKET_RESOLVED");
        } else if (e.to() == TicketStatus.CLOSED) {
            escalations.onTicketEnded(e.ticketId(), "TICKET_CLOSED");
        } else {
            escalations.onTicketUnresolved(e.ticketId());
        }
    }
}
