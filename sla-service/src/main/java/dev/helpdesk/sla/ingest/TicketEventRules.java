package dev.helpdesk.sla.ingest;

import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.pipeline.inbound.RequiredFields;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The ticket-service events the clocks act on, and what each must carry; a record lacking any of it is malformed
 * and set aside before anything is applied.
 */
final class TicketEventRules {

    /** The types acted on and the fields each must carry (present, not null, not blank). */
    static final RequiredFields REQUIRED = new RequiredFields(Map.of(
            OrganizationRegisteredEvent.class, List.of("organizationId"),
            OrganizationTermsChangedEvent.class, List.of("organizationId", "effectiveFrom"),
            TicketOpenedEvent.class, List.of("ticketId", "organizationId", "type", "severity", "openedAt"),
            CommentAddedEvent.class, List.of("ticketId", "addedAt"),
            TicketStatusChangedEvent.class, List.of("ticketId", "to", "changedAt"),
            TicketReopenedEvent.class, List.of("ticketId", "reopenedAt"),
            SeverityChangedEvent.class, List.of("ticketId", "to", "changedAt")));

    private TicketEventRules() {
    }

    /** Checks what the schema cannot: time zones must be known. */
    static void requireValid(String type, Object event) {
        if (event instanceof TicketOpenedEvent opened) {
            requireZone(type, "ticket opening", opened.timeZone());
        } else if (event instanceof OrganizationRegisteredEvent registered) {
            requireZone(type, "organisation registration", registered.timeZone());
        } else if (event instanceof OrganizationTermsChangedEvent terms) {
            requireZone(type, "organisation terms change", terms.timeZone());
        }
    }

    private static void requireZone(String type, String what, String zone) {
        if (zone == null) {
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new UnreadableEventException(type + ": " + what + " has an unknown time zone: " + zone);
        }
    }
}
