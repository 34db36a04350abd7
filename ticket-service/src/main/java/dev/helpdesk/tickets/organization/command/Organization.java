package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.Plan;
import dev.helpdesk.events.organization.BudgetPurchasedEvent;
import dev.helpdesk.events.organization.BudgetTerms;
import dev.helpdesk.events.organization.ContactAddedEvent;
import dev.helpdesk.events.organization.ContactRemovedEvent;
import dev.helpdesk.events.organization.ContactTransferredEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryLoggedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryReversedEvent;
import dev.helpdesk.events.organization.SupportPeriodChangedEvent;
import dev.helpdesk.tickets.domain.Actor;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.domain.NotPermittedException;
import dev.helpdesk.tickets.domain.RuleViolationException;
import dev.helpdesk.tickets.domain.StateConflictException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An organisation's support contract: its terms over time (plan, calendar, time zone, rates, managers, contact
 * limit; each change effective from a stated instant), support period, technical contacts, budget and the time
 * logged against the organisation itself (docs/organisation-terms.md).
 */
@Aggregate(repository = "organizationRepository")
public class Organization {

    /** Contacts an organisation may have unless its (DEDICATED) plan raises the limit. */
    public static final int STANDARD_CONTACT_LIMIT = 3;
    /** A single time entry may not exceed one day of work (as on tickets). */
    static final int MAX_MINUTES_PER_ENTRY = 24 * 60;

    @AggregateIdentifier
    private String organizationId;
    private TermsTimeline terms;
    private LocalDate periodStart;
    private LocalDate periodEnd;
    private String budgetCurrency;
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, OrganizationTimeEntryLoggedEvent> timeEntries = new HashMap<>();
    private final Set<String> reversedEntries = new HashSet<>();

    /** A technical contact as the organisation knows them (what a transfer hands to the other organisation). */
    public record Contact(String userId, String name, String email) {
    }

    protected Organization() {
    }

    @CommandHandler
    public Organization(RegisterOrganizationCommand command) {
        requireValidZone(command.timeZone());
        requireOrderedPeriod(command.supportPeriodStart(), command.supportPeriodEnd());
        int limit = contactLimitFor(command.plan(), command.contactLimit());
        if (command.budget() != null) {
            requirePositive(command.budget().amount(), "budget amount");
            requirePositive(command.budget().standardRate(), "standard rate");
            requirePositive(command.budget().consultancyRate(), "consultancy rate");
        }
        apply(new OrganizationRegisteredEvent(command.organizationId(), command.name(), command.plan(),
                command.calendar(), command.timeZone(), command.supportPeriodStart(), command.supportPeriodEnd(),
                limit, command.supportManager(), command.budget(), command.relationshipManager()));
    }

    @CommandHandler
    public void handle(AddContactCommand command) {
        requireRoomFor(command.userId(), command.at());
        apply(new ContactAddedEvent(organizationId, command.userId(), command.name(), command.email()));
    }

    @CommandHandler
    public void handle(RemoveContactCommand command) {
        contact(command.userId()).orElseThrow(() -> notAContact(command.userId()));
        apply(new ContactRemovedEvent(organizationId, command.userId()));
    }

    @CommandHandler
    public void handle(ChangeSupportPeriodCommand command) {
        requireOrderedPeriod(command.start(), command.end());
        apply(new SupportPeriodChangedEvent(organizationId, command.start(), command.end()));
    }

    @CommandHandler
    public void handle(PurchaseBudgetCommand command) {
        requirePositive(command.amount(), "amount");
        requireBudget();
        if (!budgetCurrency.equals(command.currency())) {
            throw new RuleViolationException("currency-mismatch",
                    "The budget is kept in " + budgetCurrency + ", not " + command.currency() + ".");
        }
        apply(new BudgetPurchasedEvent(organizationId, command.purchaseId(), command.amount(), command.currency()));
    }

    /**
     * Changes the terms from {@code effectiveFrom} (default: now). The patch applies to the terms in effect at that
     * instant; a patch that changes nothing records nothing. Changes must come in the order of their effective
     * instants, so that each event's complete terms stay true until the next one.
     */
    @CommandHandler
    public void handle(ChangeOrganizationTermsCommand command) {
        Instant effectiveFrom = command.effectiveFrom() != null ? command.effectiveFrom() : command.at();
        if (effectiveFrom.isBefore(terms.lastEffectiveFrom())) {
            throw new RuleViolationException("terms-change-out-of-order", "A change effective from "
                    + terms.lastEffectiveFrom() + " is already recorded; a change may not take effect before it.");
        }
        TermsPatch patch = command.patch();
        ContractTerms before = terms.at(effectiveFrom);
        ContractTerms after = checkedTerms(before, patch);
        List<String> changed = before.changedFieldsTo(after);
        if (changed.isEmpty()) {
            return;
        }
        apply(new OrganizationTermsChangedEvent(organizationId, after.name(), after.plan(), after.calendar(),
                after.timeZone(), after.contactLimit(), after.supportManager(), after.relationshipManager(),
                after.standardRate(), after.consultancyRate(), changed, effectiveFrom, command.changedBy(),
                command.at()));
    }

    @CommandHandler
    public void handle(LogOrganizationTimeCommand command) {
        requireStaff(command.actor(), "log time");
        if (command.minutes() <= 0 || command.minutes() > MAX_MINUTES_PER_ENTRY) {
            throw new RuleViolationException("invalid-minutes", "A time entry is between 1 and " + MAX_MINUTES_PER_ENTRY + " minutes.");
        }
        if (command.startedAt().isAfter(command.at())) {
            throw new RuleViolationException("started-in-the-future", "Time can only be logged for work that has started.");
        }
        if (timeEntries.containsKey(command.entryId())) {
            throw new StateConflictException("entry-exists", "Time entry " + command.entryId() + " exists already.");
        }
        String zone = terms.at(command.startedAt()).timeZone();
        LocalDate startDate = command.startedAt().atZone(ZoneId.of(zone)).toLocalDate();
        if (command.workDate() != null && !command.workDate().equals(startDate)) {
            throw new RuleViolationException("work-date-mismatch", "The work started on " + startDate + " in " + zone
                    + ", not on " + command.workDate() + ".");
        }
        apply(new OrganizationTimeEntryLoggedEvent(organizationId, command.entryId(), command.actor().userId(),
                command.activity(), command.minutes(), command.rate(), startDate, command.startedAt(), command.note(),
                command.at()));
    }

    @CommandHandler
    public void handle(ReverseOrganizationTimeEntryCommand command) {
        requireStaff(command.actor(), "reverse time entries");
        OrganizationTimeEntryLoggedEvent entry = timeEntries.get(command.entryId());
        if (entry == null) {
            throw new NotFoundException("Time entry " + command.entryId() + " not found on this organisation.");
        }
        if (reversedEntries.contains(command.entryId())) {
            throw new StateConflictException("entry-reversed", "Time entry " + command.entryId() + " is already reversed.");
        }
        apply(new OrganizationTimeEntryReversedEvent(organizationId, entry.entryId(), entry.agentId(), entry.minutes(),
                entry.rate(), entry.workDate(), command.reason(), command.actor().userId(), command.at()));
    }

    /** The transfer's first step, on the target: the contact joins if the target's limit allows. */
    void admitTransferredContact(Contact contact, Instant at) {
        requireRoomFor(contact.userId(), at);
        apply(new ContactAddedEvent(organizationId, contact.userId(), contact.name(), contact.email()));
    }

    /** The transfer's second step, on the source: the contact leaves for {@code toOrganizationId}. */
    void releaseTransferredContact(String userId, String toOrganizationId, String transferredBy, Instant at) {
        contact(userId).orElseThrow(() -> notAContact(userId));
        apply(new ContactTransferredEvent(organizationId, userId, toOrganizationId, transferredBy, at));
    }

    public Optional<Contact> contact(String userId) {
        return Optional.ofNullable(contacts.get(userId));
    }

    /** The terms a ticket opened at {@code at} is opened under, with the current contacts and support period. */
    public OrganizationTerms terms(Instant at) {
        ContractTerms current = terms.at(at);
        return new OrganizationTerms(organizationId, current.plan(), current.calendar(), current.timeZone(),
                periodStart, periodEnd, contacts.keySet());
    }

    private ContractTerms checkedTerms(ContractTerms before, TermsPatch patch) {
        if (patch.timeZone() != null) {
            requireValidZone(patch.timeZone());
        }
        if (patch.touchesRates()) {
            requireBudget();
            requirePositive(patch.standardRate(), "standard rate", true);
            requirePositive(patch.consultancyRate(), "consultancy rate", true);
        }
        ContractTerms after = before.with(new TermsPatch(patch.name(), patch.plan(), patch.calendar(), patch.timeZone(),
                patch.contactLimit(), patch.supportManager(), patch.relationshipManager(),
                twoDecimals(patch.standardRate()), twoDecimals(patch.consultancyRate())));
        if (after.plan() != Plan.DEDICATED && patch.contactLimit() == null) {
            after = after.withContactLimit(STANDARD_CONTACT_LIMIT); // leaving DEDICATED ends a raised limit
        }
        int limit = contactLimitFor(after.plan(), after.contactLimit());
        if (limit < contacts.size()) {
            throw new RuleViolationException("contact-limit", "The organisation has " + contacts.size()
                    + " technical contacts; remove some before lowering the limit to " + limit + ".");
        }
        return after;
    }

    private void requireRoomFor(String userId, Instant at) {
        if (contacts.containsKey(userId)) {
            throw new StateConflictException("contact-exists", "User " + userId + " is already a contact.");
        }
        int limit = terms.contactLimitFrom(at);
        if (contacts.size() >= limit) {
            throw new RuleViolationException("contact-limit",
                    "The " + terms.at(at).plan() + " plan allows at most " + limit + " technical contacts.");
        }
    }

    private void requireBudget() {
        if (budgetCurrency == null) {
            throw new RuleViolationException("no-budget-terms",
                    "The organisation has no budget terms (rates and currency); register them first.");
        }
    }

    private NotFoundException notAContact(String userId) {
        return new NotFoundException("User " + userId + " is not a contact of this organisation.");
    }

    @EventSourcingHandler
    void on(OrganizationRegisteredEvent event) {
        organizationId = event.organizationId();
        BudgetTerms budget = event.budget();
        terms = TermsTimeline.registeredWith(new ContractTerms(event.name(), event.plan(), event.calendar(),
                event.timeZone(), event.contactLimit(), event.supportManager(), event.relationshipManager(),
                budget == null ? null : budget.standardRate(), budget == null ? null : budget.consultancyRate()));
        periodStart = event.supportPeriodStart();
        periodEnd = event.supportPeriodEnd();
        budgetCurrency = budget == null ? null : budget.currency();
    }

    @EventSourcingHandler
    void on(OrganizationTermsChangedEvent event) {
        terms = terms.with(event.effectiveFrom(), new ContractTerms(event.name(), event.plan(), event.calendar(),
                event.timeZone(), event.contactLimit(), event.supportManager(), event.relationshipManager(),
                event.standardRate(), event.consultancyRate()));
    }

    @EventSourcingHandler
    void on(ContactAddedEvent event) {
        contacts.put(event.userId(), new Contact(event.userId(), event.name(), event.email()));
    }

    @EventSourcingHandler
    void on(ContactRemovedEvent event) {
        contacts.remove(event.userId());
    }

    @EventSourcingHandler
    void on(ContactTransferredEvent event) {
        contacts.remove(event.userId());
    }

    @EventSourcingHandler
    void on(SupportPeriodChangedEvent event) {
        periodStart = event.start();
        periodEnd = event.end();
    }

    @EventSourcingHandler
    void on(OrganizationTimeEntryLoggedEvent event) {
        timeEntries.put(event.entryId(), event);
    }

    @EventSourcingHandler
    void on(OrganizationTimeEntryReversedEvent event) {
        reversedEntries.add(event.entryId());
    }

    private static int contactLimitFor(Plan plan, Integer requested) {
        if (requested == null || requested == STANDARD_CONTACT_LIMIT) {
            return STANDARD_CONTACT_LIMIT;
        }
        if (plan != Plan.DEDICATED) {
            throw new RuleViolationException("contact-limit",
                    "Only a DEDICATED plan may change the limit of " + STANDARD_CONTACT_LIMIT + " contacts.");
        }
        if (requested < STANDARD_CONTACT_LIMIT) {
            throw new RuleViolationException("contact-limit", "A plan allows at least " + STANDARD_CONTACT_LIMIT + " contacts.");
        }
        return requested;
    }

    private static void requireStaff(Actor actor, String what) {
        if (!actor.isStaff()) {
            throw new NotPermittedException("staff-only", "Only support staff may " + what + ".");
        }
    }

    private static void requireValidZone(String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new RuleViolationException("invalid-time-zone", "Unknown time zone " + zone + ".");
        }
    }

    private static void requireOrderedPeriod(LocalDate start, LocalDate end) {
        if (start == null || end == null || end.isBefore(start)) {
            throw new RuleViolationException("invalid-support-period", "The support period must end on or after its start.");
        }
    }

    private static void requirePositive(BigDecimal amount, String what) {
        requirePositive(amount, what, false);
    }

    private static void requirePositive(BigDecimal amount, String what, boolean optional) {
        if (amount == null ? !optional : amount.signum() <= 0) {
            throw new RuleViolationException("not-positive", "The " + what + " must be positive.");
        }
    }

    private static BigDecimal twoDecimals(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new RuleViolationException("invalid-amount", "Rates have at most two decimals.");
        }
    }
}
