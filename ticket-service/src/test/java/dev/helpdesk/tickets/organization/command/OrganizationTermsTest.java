package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.RateKind;
import dev.helpdesk.events.organization.BudgetTerms;
import dev.helpdesk.events.organization.ContactAddedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryLoggedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryReversedEvent;
import dev.helpdesk.tickets.domain.Actor;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.domain.NotPermittedException;
import dev.helpdesk.tickets.domain.RuleViolationException;
import dev.helpdesk.tickets.domain.StateConflictException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21, points 1 and 8: terms changed from a stated instant, and time logged against the organisation. */
class OrganizationTermsTest {

    static final String ORG = "org-1";
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    static final BudgetTerms BUDGET = new BudgetTerms(new BigDecimal("4000.00"), "EUR", new BigDecimal("80.00"), new BigDecimal("120.00"));
    static final Actor AGENT = Actor.staff("agent-1");

    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    static OrganizationRegisteredEvent registered(Plan plan, int limit, BudgetTerms budget) {
        return new OrganizationRegisteredEvent(ORG, "Moodle Uni", plan, CalendarKind.BUSINESS_HOURS, "Europe/Berlin",
                START, END, limit, plan == Plan.DEDICATED ? "manager-1" : null, budget, null);
    }

    static TermsPatch patch() {
        return new TermsPatch(null, null, null, null, null, null, null, null, null);
    }

    static ChangeOrganizationTermsCommand change(TermsPatch patch, Instant effectiveFrom) {
        return new ChangeOrganizationTermsCommand(ORG, patch, effectiveFrom, "admin-1", NOW, null);
    }

    static TermsPatch planAndRate(Plan plan, String standardRate) {
        return new TermsPatch(null, plan, null, null, null, null, null, new BigDecimal(standardRate), null);
    }

    @Test
    void aChangeRecordsTheCompleteTermsAfterItWhatChangedAndFromWhen() {
        Instant lastWeek = NOW.minusSeconds(7 * 86400);
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(change(new TermsPatch(null, Plan.EXTENDED, null, null, null, null, "rm-1", new BigDecimal("95.5"), null), lastWeek))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganizationTermsChangedEvent(ORG, "Moodle Uni", Plan.EXTENDED, CalendarKind.BUSINESS_HOURS,
                        "Europe/Berlin", 3, null, "rm-1", new BigDecimal("95.50"), new BigDecimal("120.00"),
                        List.of("plan", "relationshipManager", "standardRate"), lastWeek, "admin-1", NOW));
    }

    @Test
    void withoutEffectiveFromTheChangeTakesEffectNow() {
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(change(new TermsPatch("Moodle University", null, CalendarKind.TWENTY_FOUR_SEVEN, "Europe/Paris",
                        null, null, null, null, null), null))
                .expectEvents(new OrganizationTermsChangedEvent(ORG, "Moodle University", Plan.STANDARD,
                        CalendarKind.TWENTY_FOUR_SEVEN, "Europe/Paris", 3, null, null, new BigDecimal("80.00"),
                        new BigDecimal("120.00"), List.of("name", "calendar", "timeZone"), NOW, "admin-1", NOW));
    }

    @Test
    void aPatchThatChangesNothingRecordsNothing() {
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(change(new TermsPatch("Moodle Uni", Plan.STANDARD, null, null, 3, null, null, new BigDecimal("80"), null), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void ratesNeedABudgetAndArePositive() {
        fixture.given(registered(Plan.STANDARD, 3, null))
                .when(change(planAndRate(Plan.STANDARD, "90.00"), null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("The organisation has no budget terms (rates and currency); register them first.");
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(change(planAndRate(Plan.STANDARD, "0.00"), null))
                .expectException(RuleViolationException.class);
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(change(planAndRate(Plan.STANDARD, "90.001"), null))
                .expectException(RuleViolationException.class);
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(change(new TermsPatch(null, null, null, "Mars/Olympus", null, null, null, null, null), null))
                .expectException(RuleViolationException.class);
    }

    @Test
    void onlyADedicatedPlanRaisesTheContactLimitAndLeavingItEndsTheRaise() {
        fixture.given(registered(Plan.EXTENDED, 3, BUDGET))
                .when(change(new TermsPatch(null, null, null, null, 5, null, null, null, null), null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.given(registered(Plan.EXTENDED, 3, BUDGET))
                .when(change(new TermsPatch(null, Plan.DEDICATED, null, null, 6, "manager-2", null, null, null), null))
                .expectEvents(new OrganizationTermsChangedEvent(ORG, "Moodle Uni", Plan.DEDICATED, CalendarKind.BUSINESS_HOURS,
                        "Europe/Berlin", 6, "manager-2", null, new BigDecimal("80.00"), new BigDecimal("120.00"),
                        List.of("plan", "contactLimit", "supportManager"), NOW, "admin-1", NOW));
        fixture.given(registered(Plan.DEDICATED, 6, BUDGET))
                .when(change(new TermsPatch(null, Plan.EXTENDED, null, null, null, "", null, null, null), null))
                .expectEvents(new OrganizationTermsChangedEvent(ORG, "Moodle Uni", Plan.EXTENDED, CalendarKind.BUSINESS_HOURS,
                        "Europe/Berlin", 3, null, null, new BigDecimal("80.00"), new BigDecimal("120.00"),
                        List.of("plan", "contactLimit", "supportManager"), NOW, "admin-1", NOW));
    }

    @Test
    void aLimitBelowTheCurrentContactsIsRefused() {
        fixture.given(registered(Plan.DEDICATED, 5, BUDGET), contact("u1"), contact("u2"), contact("u3"), contact("u4"))
                .when(change(new TermsPatch(null, null, null, null, 3, null, null, null, null), null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("The organisation has 4 technical contacts; remove some before lowering the limit to 3.");
        fixture.given(registered(Plan.DEDICATED, 5, BUDGET), contact("u1"), contact("u2"), contact("u3"), contact("u4"))
                .when(change(new TermsPatch(null, Plan.STANDARD, null, null, null, null, null, null, null), null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aScheduledLowerLimitAlreadyHoldsForNewContacts() {
        Instant nextMonth = NOW.plusSeconds(30L * 86400);
        fixture.given(registered(Plan.DEDICATED, 5, BUDGET), contact("u1"), contact("u2"), contact("u3"),
                        changed(Plan.DEDICATED, 4, "80.00", nextMonth))
                .when(new AddContactCommand(ORG, "u4", "Contact u4", "u4@x.org", NOW, null))
                .expectEvents(contact("u4"));
        fixture.given(registered(Plan.DEDICATED, 5, BUDGET), contact("u1"), contact("u2"), contact("u3"), contact("u4"),
                        changed(Plan.DEDICATED, 4, "80.00", nextMonth))
                .when(new AddContactCommand(ORG, "u5", "E", "e@x.org", NOW, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("The DEDICATED plan allows at most 4 technical contacts.");
    }

    @Test
    void aTicketOpenedBeforeAFutureChangeGetsTheOldTermsAndOneOpenedFromItTheNew() {
        Instant nextMonth = NOW.plusSeconds(30L * 86400);
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(change(new TermsPatch(null, Plan.EXTENDED, CalendarKind.TWENTY_FOUR_SEVEN, "America/New_York",
                        null, null, null, null, null), nextMonth))
                .expectSuccessfulHandlerExecution()
                .expectState(organization -> {
                    OrganizationTerms before = organization.terms(nextMonth.minusMillis(1));
                    assertThat(before.plan()).isEqualTo(Plan.STANDARD);
                    assertThat(before.calendar()).isEqualTo(CalendarKind.BUSINESS_HOURS);
                    assertThat(before.timeZone()).isEqualTo("Europe/Berlin");
                    OrganizationTerms from = organization.terms(nextMonth);
                    assertThat(from.plan()).isEqualTo(Plan.EXTENDED);
                    assertThat(from.calendar()).isEqualTo(CalendarKind.TWENTY_FOUR_SEVEN);
                    assertThat(from.timeZone()).isEqualTo("America/New_York");
                });
    }

    @Test
    void aChangeMayNotTakeEffectBeforeOneAlreadyRecorded() {
        Instant nextMonth = NOW.plusSeconds(30L * 86400);
        fixture.given(registered(Plan.STANDARD, 3, BUDGET), changed(Plan.EXTENDED, 3, "80.00", nextMonth))
                .when(change(planAndRate(Plan.EXTENDED, "99.00"), NOW))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.given(registered(Plan.STANDARD, 3, BUDGET), changed(Plan.EXTENDED, 3, "80.00", nextMonth))
                .when(change(planAndRate(Plan.EXTENDED, "99.00"), nextMonth.plusSeconds(1)))
                .expectEvents(new OrganizationTermsChangedEvent(ORG, "Moodle Uni", Plan.EXTENDED, CalendarKind.BUSINESS_HOURS,
                        "Europe/Berlin", 3, null, null, new BigDecimal("99.00"), new BigDecimal("120.00"),
                        List.of("standardRate"), nextMonth.plusSeconds(1), "admin-1", NOW));
    }

    @Test
    void logsTimeAgainstTheOrganisationOnTheDateItStartedInItsTimeZone() {
        Instant lateEvening = Instant.parse("2026-05-31T22:30:00Z"); // 00:30 on 1 June in Berlin
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(new LogOrganizationTimeCommand(ORG, "e1", 90, RateKind.CONSULTANCY, null, lateEvening,
                        "Workshop", "Gradebook workshop", AGENT, NOW, null))
                .expectEvents(new OrganizationTimeEntryLoggedEvent(ORG, "e1", "agent-1", "Workshop", 90,
                        RateKind.CONSULTANCY, LocalDate.of(2026, 6, 1), lateEvening, "Gradebook workshop", NOW));
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(new LogOrganizationTimeCommand(ORG, "e1", 90, RateKind.CONSULTANCY, LocalDate.of(2026, 5, 31),
                        lateEvening, "Workshop", "Gradebook workshop", AGENT, NOW, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("The work started on 2026-06-01 in Europe/Berlin, not on 2026-05-31.");
    }

    @Test
    void refusesTimeEntriesAsOnTickets() {
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(new LogOrganizationTimeCommand(ORG, "e1", 0, RateKind.STANDARD, null, NOW, "Call", "x", AGENT, NOW, null))
                .expectException(RuleViolationException.class);
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(new LogOrganizationTimeCommand(ORG, "e1", 30, RateKind.STANDARD, null, NOW.plusSeconds(60), "Call", "x", AGENT, NOW, null))
                .expectException(RuleViolationException.class);
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(new LogOrganizationTimeCommand(ORG, "e1", 30, RateKind.STANDARD, null, NOW, "Call", "x", Actor.contact("u1"), NOW, null))
                .expectException(NotPermittedException.class);
        fixture.given(registered(Plan.STANDARD, 3, BUDGET), logged("e1"))
                .when(new LogOrganizationTimeCommand(ORG, "e1", 30, RateKind.STANDARD, null, NOW, "Call", "x", AGENT, NOW, null))
                .expectException(StateConflictException.class);
    }

    @Test
    void aReversalCarriesTheEntrysFiguresOnceOnly() {
        fixture.given(registered(Plan.STANDARD, 3, BUDGET), logged("e1"))
                .when(new ReverseOrganizationTimeEntryCommand(ORG, "e1", "Booked twice", Actor.staff("manager-1"), NOW, null))
                .expectEvents(new OrganizationTimeEntryReversedEvent(ORG, "e1", "agent-1", 45, RateKind.STANDARD,
                        LocalDate.of(2026, 6, 1), "Booked twice", "manager-1", NOW));
        fixture.given(registered(Plan.STANDARD, 3, BUDGET), logged("e1"),
                        new OrganizationTimeEntryReversedEvent(ORG, "e1", "agent-1", 45, RateKind.STANDARD,
                                LocalDate.of(2026, 6, 1), "Booked twice", "manager-1", NOW))
                .when(new ReverseOrganizationTimeEntryCommand(ORG, "e1", "again", AGENT, NOW, null))
                .expectException(StateConflictException.class);
        fixture.given(registered(Plan.STANDARD, 3, BUDGET))
                .when(new ReverseOrganizationTimeEntryCommand(ORG, "nope", "x", AGENT, NOW, null))
                .expectException(NotFoundException.class);
    }

    static ContactAddedEvent contact(String userId) {
        return new ContactAddedEvent(ORG, userId, "Contact " + userId, userId + "@x.org");
    }

    static OrganizationTermsChangedEvent changed(Plan plan, int limit, String rate, Instant effectiveFrom) {
        return new OrganizationTermsChangedEvent(ORG, "Moodle Uni", plan, CalendarKind.BUSINESS_HOURS, "Europe/Berlin",
                limit, plan == Plan.DEDICATED ? "manager-1" : null, null, new BigDecimal(rate), new BigDecimal("120.00"),
                List.of("contactLimit"), effectiveFrom, "admin-1", NOW);
    }

    static OrganizationTimeEntryLoggedEvent logged(String entryId) {
        return new OrganizationTimeEntryLoggedEvent(ORG, entryId, "agent-1", "Call", 45, RateKind.STANDARD,
                LocalDate.of(2026, 6, 1), NOW.minusSeconds(3600), "Quarterly call", NOW);
    }
}
