package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.escalations.escalation.EscalationService;
import dev.helpdesk.escalations.escalation.TicketMirror;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.ticket.EscalationRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.inbound.RequiredFields;
import dev.helpdesk.pipeline.inbound.RequiredFieldsHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * What escalation does with {@code helpdesk.tickets.v1}: organisations' contracts (and their relationship manager
 * over time), tickets' plan, calendar, severity
 * and status, escalation requests. Other types are skipped.
 */
@Component
public class TicketEventsHandler extends RequiredFieldsHandler {

    /** The types acted on, each with the data fields it cannot do without. */
    private static final RequiredFields REQUIRED = new RequiredFields(Map.of(
            OrganizationRegisteredEvent.class, List.of("organizationId", "plan", "calendar", "timeZone"),
            OrganizationTermsChangedEvent.class, List.of("organizationId", "effectiveFrom"),
            TicketOpenedEvent.class, List.of("ticketId", "organizationId", "severity"),
            SeverityChangedEvent.class, List.of("ticketId", "to"),
            TicketStatusChangedEvent.class, List.of("ticketId", "to"),
            TicketReopenedEvent.class, List.of("ticketId"),
            EscalationRequestedEvent.class, List.of("ticketId", "organizationId")));

    private final TicketMirror tickets;
    private final EscalationService escalations;

    public TicketEventsHandler(ObjectMapper json, TicketMirror tickets, EscalationService escalations) {
        super(REQUIRED, json);
        this.tickets = tickets;
        this.escalations = escalations;
    }

    @Override
    protected void check(ReceivedEvent event, Object data) {
        if (data instanceof OrganizationRegisteredEvent e) {
            TimeZones.require(e.timeZone(), "data.timeZone");
        } else if (data instanceof TicketOpenedEvent e) {
            TimeZones.require(e.timeZone(), "data.timeZone");
        }
    }

    @Override
    protected void apply(InboundEvent event) {
        Object data = event.data();
        if (data instanceof OrganizationRegisteredEvent e) {
            escalations.onOrganizationRegistered(e.organizationId(), e.plan(), e.calendar(), e.timeZone(), e.supportManager(),
                    e.relationshipManager());
        } else if (data instanceof OrganizationTermsChangedEvent e) {
            escalations.onOrganizationTermsChanged(e.organizationId(), e.relationshipManager(), e.changed("supportManager"),
                    e.supportManager(), e.effectiveFrom());
        } else if (data instanceof TicketOpenedEvent e) {
            escalations.onTicketOpened(e.ticketId(), e.organizationId(), e.plan(), e.calendar(), e.timeZone(), e.severity());
        } else if (data instanceof SeverityChangedEvent e) {
            tickets.severityChanged(e.ticketId(), e.to());
        } else if (data instanceof TicketStatusChangedEvent e) {
            statusChanged(e);
        } else if (data instanceof TicketReopenedEvent e) {
            escalations.onTicketUnresolved(e.ticketId());
        } else if (data instanceof EscalationRequestedEvent e) {
            String requestedBy = e.requestedBy() != null ? e.requestedBy() : event.envelope().actor();
            escalations.onEscalationRequest(e.ticketId(), e.organizationId(), requestedBy == null ? "unknown" : requestedBy);
        }
    }

    /**
     * The ticket mirror's part of an event alone ({@code organization} and {@code ticket}, with the live path's
     * statements): what a replay rebuilds from this topic (docs/replays.md). No escalation is decided and nothing else
     * is written: the escalations come from this service's own topic.
     */
    public void applyToMirror(InboundEvent event) {
        Object data = event.data();
        if (data instanceof OrganizationRegisteredEvent e) {
            tickets.registerOrganization(e.organizationId(), e.plan(), e.calendar(), e.timeZone(), e.supportManager());
        } else if (data instanceof TicketOpenedEvent e) {
            tickets.ticketOpened(e.ticketId(), e.organizationId(), e.plan(), e.calendar(), e.timeZone(), e.severity());
        } else if (data instanceof SeverityChangedEvent e) {
            tickets.severityChanged(e.ticketId(), e.to());
        } else if (data instanceof TicketStatusChangedEvent e) {
            tickets.setResolved(e.ticketId(), e.to() == TicketStatus.RESOLVED || e.to() == TicketStatus.CLOSED);
        } else if (data instanceof TicketReopenedEvent e) {
            tickets.setResolved(e.ticketId(), false);
        } else if (data instanceof EscalationRequestedEvent e) {
            tickets.ensureTicket(e.ticketId(), e.organizationId(), null);
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
