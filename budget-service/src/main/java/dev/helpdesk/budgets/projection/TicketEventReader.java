package dev.helpdesk.budgets.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.organization.BudgetPurchasedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryLoggedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryReversedEvent;
import dev.helpdesk.events.organization.SupportPeriodChangedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.events.ticket.TimeEntryReversedEvent;
import dev.helpdesk.pipeline.inbound.RequiredFields;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which ticket-service events the budget applies, and how their data is bound and checked: the one decoding of the
 * live listener and of a rebuild. Envelopes are read by {@link ReceivedEvents}; anything unreadable or breaking the
 * contract is an {@link dev.helpdesk.events.UnreadableEventException} whose message is the dead letter's reason.
 */
@Component
public class TicketEventReader {

    private static final List<String> ENTRY = List.of("ticketId", "organizationId", "entryId", "agentId", "minutes",
            "rate", "workDate");
    private static final List<String> ORGANIZATION_ENTRY = List.of("organizationId", "entryId", "agentId", "minutes",
            "rate", "workDate");

    /** The types applied, each with the data fields it cannot do without. */
    private static final RequiredFields REQUIRED = new RequiredFields(Map.of(
            OrganizationRegisteredEvent.class, List.of("organizationId", "supportPeriodStart", "supportPeriodEnd"),
            SupportPeriodChangedEvent.class, List.of("organizationId", "start", "end"),
            BudgetPurchasedEvent.class, List.of("organizationId", "purchaseId", "amount", "currency"),
            TimeEntryLoggedEvent.class, ENTRY,
            TimeEntryReversedEvent.class, ENTRY,
            OrganizationTermsChangedEvent.class, List.of("organizationId", "effectiveFrom", "changedAt"),
            OrganizationTimeEntryLoggedEvent.class, ORGANIZATION_ENTRY,
            OrganizationTimeEntryReversedEvent.class, ORGANIZATION_ENTRY));

    private final ObjectMapper objectMapper;

    public TicketEventReader(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** Whether the budget applies events of this type; others (and types this version does not know) are skipped. */
    public boolean applies(String type) {
        return REQUIRED.covers(type);
    }

    /** Binds and checks the data of an event of a type the budget {@link #applies}. */
    public IncomingEvent decode(ReceivedEvent envelope) {
        Object data = REQUIRED.bind(objectMapper, envelope);
        EventValidation.check(data, envelope.time());
        return new IncomingEvent(envelope.id(), envelope.type(), envelope.time(), envelope.correlationId(), data);
    }

    /** A record value as the budget reads it: empty for a type it skips. */
    public Optional<IncomingEvent> read(String value) {
        ReceivedEvent envelope = ReceivedEvents.read(objectMapper, value);
        return applies(envelope.type()) ? Optional.of(decode(envelope)) : Optional.empty();
    }
}
