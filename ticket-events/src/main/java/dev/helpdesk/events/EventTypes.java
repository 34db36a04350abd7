package dev.helpdesk.events;

import dev.helpdesk.events.organization.BudgetPurchasedEvent;
import dev.helpdesk.events.organization.ContactAddedEvent;
import dev.helpdesk.events.organization.ContactRemovedEvent;
import dev.helpdesk.events.organization.ContactTransferredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryLoggedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryReversedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.SupportPeriodChangedEvent;
import dev.helpdesk.events.ticket.AttachmentAddedEvent;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.EscalationLevelRecordedEvent;
import dev.helpdesk.events.ticket.EscalationRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangeRequestDecidedEvent;
import dev.helpdesk.events.ticket.SeverityChangeRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketAssignedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.events.ticket.TimeEntryReversedEvent;

import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of each published ticket-service event and the record that is its {@code data}.
 * A type name never changes meaning: an incompatible change gets a new {@code .vN} type.
 */
public final class EventTypes {

    private static final EventTypeRegistry REGISTRY = new EventTypeRegistry()
            .register("helpdesk.organization.registered.v1", OrganizationRegisteredEvent.class)
            .register("helpdesk.organization.contact-added.v1", ContactAddedEvent.class)
            .register("helpdesk.organization.contact-removed.v1", ContactRemovedEvent.class)
            .register("helpdesk.organization.support-period-changed.v1", SupportPeriodChangedEvent.class)
            .register("helpdesk.organization.budget-purchased.v1", BudgetPurchasedEvent.class)
            .register("helpdesk.organization.terms-changed.v1", OrganizationTermsChangedEvent.class)
            .register("helpdesk.organization.contact-transferred.v1", ContactTransferredEvent.class)
            .register("helpdesk.organization.time-entry-logged.v1", OrganizationTimeEntryLoggedEvent.class)
            .register("helpdesk.organization.time-entry-reversed.v1", OrganizationTimeEntryReversedEvent.class)
            .register("helpdesk.ticket.opened.v1", TicketOpenedEvent.class)
            .register("helpdesk.ticket.comment-added.v1", CommentAddedEvent.class)
            .register("helpdesk.ticket.assigned.v1", TicketAssignedEvent.class)
            .register("helpdesk.ticket.status-changed.v1", TicketStatusChangedEvent.class)
            .register("helpdesk.ticket.reopened.v1", TicketReopenedEvent.class)
            .register("helpdesk.ticket.severity-changed.v1", SeverityChangedEvent.class)
            .register("helpdesk.ticket.severity-change-requested.v1", SeverityChangeRequestedEvent.class)
            .register("helpdesk.ticket.severity-change-request-decided.v1", SeverityChangeRequestDecidedEvent.class)
            .register("helpdesk.ticket.escalation-requested.v1", EscalationRequestedEvent.class)
            .register("helpdesk.ticket.escalation-level-recorded.v1", EscalationLevelRecordedEvent.class)
            .register("helpdesk.ticket.time-entry-logged.v1", TimeEntryLoggedEvent.class)
            .register("helpdesk.ticket.time-entry-reversed.v1", TimeEntryReversedEvent.class)
            .register("helpdesk.ticket.attachment-added.v1", AttachmentAddedEvent.class);

    private EventTypes() {
    }

    /** The record class of a type, empty for a type this version does not know (consumers skip those). */
    public static Optional<Class<?>> classOf(String type) {
        return REGISTRY.classOf(type);
    }

    /** The type name of a published event record. */
    public static Optional<String> typeOf(Class<?> eventClass) {
        return REGISTRY.typeOf(eventClass);
    }

    public static Map<String, Class<?>> all() {
        return REGISTRY.all();
    }
}
