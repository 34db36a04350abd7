package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.organization.BudgetPurchasedEvent;
import dev.helpdesk.events.organization.BudgetTerms;
import dev.helpdesk.events.organization.ContactAddedEvent;
import dev.helpdesk.events.organization.ContactRemovedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.SupportPeriodChangedEvent;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.domain.RuleViolationException;
import dev.helpdesk.tickets.domain.StateConflictException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

class OrganizationTest {

    static final String ORG = "org-1";
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static final java.time.Instant NOW = java.time.Instant.parse("2026-06-01T10:00:00Z");
    static final BudgetTerms BUDGET = new BudgetTerms(new BigDecimal("4000.00"), "EUR", new BigDecimal("80.00"), new BigDecimal("120.00"));

    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    static OrganizationRegisteredEvent registered(Plan plan, int limit) {
        return new OrganizationRegisteredEvent(ORG, "Moodle Uni", plan, CalendarKind.BUSINESS_HOURS, "Europe/Berlin",
                START, END, limit, null, BUDGET);
    }

    @Test
    void registersWithThePlansContactLimit() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganizationCommand(ORG, "Moodle Uni", Plan.STANDARD, CalendarKind.BUSINESS_HOURS,
                        "Europe/Berlin", START, END, null, null, BUDGET, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(Plan.STANDARD, 3));
    }

    @Test
    void onlyADedicatedPlanMayRaiseTheContactLimit() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganizationCommand(ORG, "Moodle Uni", Plan.EXTENDED, CalendarKind.BUSINESS_HOURS,
                        "Europe/Berlin", START, END, 5, null, null, null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganizationCommand(ORG, "Moodle Uni", Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN,
                        "Europe/Berlin", START, END, 5, "manager-1", null, null))
                .expectEvents(new OrganizationRegisteredEvent(ORG, "Moodle Uni", Plan.DEDICATED,
                        CalendarKind.TWENTY_FOUR_SEVEN, "Europe/Berlin", START, END, 5, "manager-1", null));
    }

    @Test
    void rejectsAnUnknownTimeZoneAndAPeriodEndingBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganizationCommand(ORG, "X", Plan.STANDARD, CalendarKind.BUSINESS_HOURS,
                        "Mars/Olympus", START, END, null, null, null, null))
                .expectException(RuleViolationException.class);
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganizationCommand(ORG, "X", Plan.STANDARD, CalendarKind.BUSINESS_HOURS,
                        "Europe/Berlin", END, START, null, null, null, null))
                .expectException(RuleViolationException.class);
    }

    @Test
    void addsContactsUpToTheLimitAndRefusesTheFourth() {
        fixture.given(registered(Plan.STANDARD, 3),
                        new ContactAddedEvent(ORG, "u1", "A", "a@x.org"),
                        new ContactAddedEvent(ORG, "u2", "B", "b@x.org"))
                .when(new AddContactCommand(ORG, "u3", "C", "c@x.org", NOW, null))
                .expectEvents(new ContactAddedEvent(ORG, "u3", "C", "c@x.org"));
        fixture.given(registered(Plan.STANDARD, 3),
                        new ContactAddedEvent(ORG, "u1", "A", "a@x.org"),
                        new ContactAddedEvent(ORG, "u2", "B", "b@x.org"),
                        new ContactAddedEvent(ORG, "u3", "C", "c@x.org"))
                .when(new AddContactCommand(ORG, "u4", "D", "d@x.org", NOW, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("The STANDARD plan allows at most 3 technical contacts.")
                .expectNoEvents();
    }

    @Test
    void aRemovedContactFreesAPlace() {
        fixture.given(registered(Plan.STANDARD, 3),
                        new ContactAddedEvent(ORG, "u1", "A", "a@x.org"),
                        new ContactAddedEvent(ORG, "u2", "B", "b@x.org"),
                        new ContactAddedEvent(ORG, "u3", "C", "c@x.org"),
                        new ContactRemovedEvent(ORG, "u2"))
                .when(new AddContactCommand(ORG, "u4", "D", "d@x.org", NOW, null))
                .expectEvents(new ContactAddedEvent(ORG, "u4", "D", "d@x.org"));
    }

    @Test
    void refusesAContactTwiceAndRemovingAStranger() {
        fixture.given(registered(Plan.STANDARD, 3), new ContactAddedEvent(ORG, "u1", "A", "a@x.org"))
                .when(new AddContactCommand(ORG, "u1", "A", "a@x.org", NOW, null))
                .expectException(StateConflictException.class);
        fixture.given(registered(Plan.STANDARD, 3))
                .when(new RemoveContactCommand(ORG, "nobody", null))
                .expectException(NotFoundException.class);
        fixture.given(registered(Plan.STANDARD, 3), new ContactAddedEvent(ORG, "u1", "A", "a@x.org"))
                .when(new RemoveContactCommand(ORG, "u1", null))
                .expectEvents(new ContactRemovedEvent(ORG, "u1"));
    }

    @Test
    void changesTheSupportPeriodOnlyToAnOrderedOne() {
        LocalDate newEnd = LocalDate.of(2027, 12, 31);
        fixture.given(registered(Plan.STANDARD, 3))
                .when(new ChangeSupportPeriodCommand(ORG, START, newEnd, null))
                .expectEvents(new SupportPeriodChangedEvent(ORG, START, newEnd));
        fixture.given(registered(Plan.STANDARD, 3))
                .when(new ChangeSupportPeriodCommand(ORG, newEnd, START, null))
                .expectException(RuleViolationException.class);
    }

    @Test
    void budgetPurchasesArePositiveAndInTheBudgetCurrency() {
        fixture.given(registered(Plan.STANDARD, 3))
                .when(new PurchaseBudgetCommand(ORG, "p1", new BigDecimal("1000.00"), "EUR", null))
                .expectEvents(new BudgetPurchasedEvent(ORG, "p1", new BigDecimal("1000.00"), "EUR"));
        fixture.given(registered(Plan.STANDARD, 3))
                .when(new PurchaseBudgetCommand(ORG, "p1", new BigDecimal("1000.00"), "USD", null))
                .expectException(RuleViolationException.class);
        fixture.given(registered(Plan.STANDARD, 3))
                .when(new PurchaseBudgetCommand(ORG, "p1", new BigDecimal("-5"), "EUR", null))
                .expectException(RuleViolationException.class);
    }
}
