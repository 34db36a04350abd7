package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.Plan;
import dev.helpdesk.events.organization.BudgetPurchasedEvent;
import dev.helpdesk.events.organization.BudgetTerms;
import dev.helpdesk.events.organization.ContactAddedEvent;
import dev.helpdesk.events.organization.ContactRemovedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.SupportPeriodChangedEvent;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.domain.RuleViolationException;
import dev.helpdesk.tickets.domain.StateConflictException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An organisation's support contract: plan, calendar, support period, technical contacts and budget. */
@Aggregate(repository = "organizationRepository")
public class Organization {

    /** Contacts an organisation may have unless its (DEDICATED) plan raises the limit. */
    public static final int STANDARD_CONTACT_LIMIT = 3;

    @AggregateIdentifier
    private String organizationId;
    private Plan plan;
    private CalendarKind calendar;
    private String timeZone;
    private LocalDate periodStart;
    private LocalDate periodEnd;
    private int contactLimit;
    private String budgetCurrency;
    private final Set<String> contactIds = new LinkedHashSet<>();

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
                limit, command.supportManager(), command.budget()));
    }

    @CommandHandler
    public void handle(AddContactCommand command) {
        if (contactIds.contains(command.userId())) {
            throw new StateConflictException("contact-exists", "User " + command.userId() + " is already a contact.");
        }
        if (contactIds.size() >= contactLimit) {
            throw new RuleViolationException("contact-limit",
                    "The " + plan + " plan allows at most " + contactLimit + " technical contacts.");
        }
        apply(new ContactAddedEvent(organizationId, command.userId(), command.name(), command.email()));
    }

    @CommandHandler
    public void handle(RemoveContactCommand command) {
        if (!contactIds.contains(command.userId())) {
            throw new NotFoundException("User " + command.userId() + " is not a contact of this organisation.");
        }
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
        if (budgetCurrency == null) {
            throw new RuleViolationException("no-budget-terms",
                    "The organisation has no budget terms (rates and currency); register them first.");
        }
        if (!budgetCurrency.equals(command.currency())) {
            throw new RuleViolationException("currency-mismatch",
                    "The budget is kept in " + budgetCurrency + ", not " + command.currency() + ".");
        }
        apply(new BudgetPurchasedEvent(organizationId, command.purchaseId(), command.amount(), command.currency()));
    }

    /** The terms a new ticket is opened under. */
    public OrganizationTerms terms() {
        return new OrganizationTerms(organizationId, plan, calendar, timeZone, periodStart, periodEnd, contactIds);
    }

    @EventSourcingHandler
    void on(OrganizationRegisteredEvent event) {
        organizationId = event.organizationId();
        plan = event.plan();
        calendar = event.calendar();
        timeZone = event.timeZone();
        periodStart = event.supportPeriodStart();
        periodEnd = event.supportPeriodEnd();
        contactLimit = event.contactLimit();
        BudgetTerms budget = event.budget();
        budgetCurrency = budget == null ? null : budget.currency();
    }

    @EventSourcingHandler
    void on(ContactAddedEvent event) {
        contactIds.add(event.userId());
    }

    @EventSourcingHandler
    void on(ContactRemovedEvent event) {
        contactIds.remove(event.userId());
    }

    @EventSourcingHandler
    void on(SupportPeriodChangedEvent event) {
        periodStart = event.start();
        periodEnd = event.end();
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
        if (amount == null || amount.signum() <= 0) {
            throw new RuleViolationException("not-positive", "The " + what + " must be positive.");
        }
    }
}
