package dev.helpdesk.budgets.charging;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.RateKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21, point 8: rates that follow the organisation's terms, organisation-level time, out-of-hours marks. */
class BudgetTimeTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final SupportPeriod PERIOD = new SupportPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));
    private static final RateCard RATES = new RateCard(new BigDecimal("100.00"), new BigDecimal("150.00"));
    /** New rates from Monday 16 March 2026, 00:00 in Amsterdam (23:00 UTC the day before). */
    private static final TermsHistory.TermsChange RENEWAL = new TermsHistory.TermsChange(
            Instant.parse("2026-03-15T23:00:00Z"), Instant.parse("2026-03-01T12:00:00Z"), new BigDecimal("120.00"),
            new BigDecimal("180.00"), CalendarKind.BUSINESS_HOURS, AMSTERDAM);
    private static final TermsHistory TERMS = new TermsHistory(RATES, CalendarKind.BUSINESS_HOURS, AMSTERDAM, List.of(RENEWAL));

    private static LedgerLine entry(String id, String ticket, int minutes, RateKind rate, String day, String startedAt) {
        return new LedgerLine(id, LedgerLine.Kind.LOGGED, ticket, "agent-1", minutes, rate, LocalDate.parse(day), "work",
                Instant.parse("2026-04-01T00:00:00Z"), ticket == null ? "Workshop" : null,
                startedAt == null ? null : Instant.parse(startedAt));
    }

    private static LedgerLine reversal(LedgerLine entry) {
        return new LedgerLine(entry.entryId(), LedgerLine.Kind.REVERSED, entry.ticketId(), entry.agentId(), entry.minutes(),
                entry.rate(), entry.workDate(), "wrong", Instant.parse("2026-04-02T00:00:00Z"));
    }

    private static BudgetAccount account(List<LedgerLine> lines) {
        return new BudgetAccount("org-1", "EUR", RATES, new SupportPeriods(List.of(PERIOD)),
                List.of(new Purchase("initial", new BigDecimal("5000.00"), PERIOD.start())), lines, TERMS);
    }

    @Test
    void aRateChangeInTheMiddleOfTheMonthChargesLaterWorkAtTheNewRateAndEarlierWorkAtTheOld() {
        LedgerLine before = entry("e1", "T-1", 50, RateKind.STANDARD, "2026-03-15", null);         // 83.33 (100/h)
        LedgerLine lastMinute = entry("e2", "T-1", 60, RateKind.CONSULTANCY, "2026-03-15", "2026-03-15T22:59:00Z"); // 150.00
        LedgerLine after = entry("e3", "T-1", 50, RateKind.STANDARD, "2026-03-16", null);          // 100.00 (120/h)
        LedgerLine atChange = entry("e4", "T-1", 7, RateKind.CONSULTANCY, "2026-03-16", "2026-03-15T23:00:00Z"); // 21.00
        BudgetAccount account = account(List.of(before, lastMinute, after, atChange, reversal(before)));

        assertThat(account.amountOf(before)).isEqualByComparingTo("83.33");
        assertThat(account.amountOf(lastMinute)).isEqualByComparingTo("150.00");
        assertThat(account.amountOf(after)).isEqualByComparingTo("100.00");
        assertThat(account.amountOf(atChange)).isEqualByComparingTo("21.00");
        assertThat(account.consumedIn(PERIOD)).as("the reversal, logged after the change, cancels at the old rate")
                .isEqualTo(new BigDecimal("271.00"));
        assertThat(account.statement(PERIOD).byRate().get(RateKind.CONSULTANCY).amount()).isEqualTo(new BigDecimal("171.00"));
    }

    @Test
    void ratesTheChangeLeavesUnsetStayAsTheyWere() {
        TermsHistory onlyStandard = new TermsHistory(RATES, CalendarKind.BUSINESS_HOURS, AMSTERDAM, List.of(
                new TermsHistory.TermsChange(Instant.parse("2026-03-15T23:00:00Z"), Instant.EPOCH, new BigDecimal("110.00"),
                        null, null, null)));
        assertThat(onlyStandard.ratesAt(Instant.parse("2026-04-01T00:00:00Z")))
                .isEqualTo(new RateCard(new BigDecimal("110.00"), new BigDecimal("150.00")));
        assertThat(onlyStandard.ratesAt(Instant.parse("2026-03-01T00:00:00Z"))).isEqualTo(RATES);
    }

    @Test
    void workStartedOutsideBusinessHoursOnTheOrganisationsCalendarIsMarked() {
        BudgetAccount account = account(List.of());
        // Tuesday 10 March 2026, CET (+01:00): 07:30Z is 08:30 there, 09:00Z is 10:00, 16:30Z is 17:30.
        assertThat(account.outOfHours(entry("a", "T", 30, RateKind.STANDARD, "2026-03-10", "2026-03-10T07:30:00Z"))).isTrue();
        assertThat(account.outOfHours(entry("b", "T", 30, RateKind.STANDARD, "2026-03-10", "2026-03-10T09:00:00Z"))).isFalse();
        assertThat(account.outOfHours(entry("c", "T", 30, RateKind.STANDARD, "2026-03-10", "2026-03-10T16:30:00Z"))).isTrue();
        assertThat(account.outOfHours(entry("d", "T", 30, RateKind.STANDARD, "2026-03-14", "2026-03-14T10:00:00Z")))
                .as("Saturday").isTrue();
        // Tuesday 31 March 2026 is in summer time (+02:00): 07:30Z is 09:30 there.
        assertThat(account.outOfHours(entry("e", "T", 30, RateKind.STANDARD, "2026-03-31", "2026-03-31T07:30:00Z"))).isFalse();
        assertThat(account.outOfHours(entry("f", "T", 30, RateKind.STANDARD, "2026-03-10", null))).as("no start").isNull();
    }

    @Test
    void aReversalIsMarkedAndChargedAsItsEntry() {
        LedgerLine night = entry("o1", null, 90, RateKind.CONSULTANCY, "2026-03-10", "2026-03-10T20:00:00Z");
        BudgetAccount account = account(List.of(night, reversal(night)));
        LedgerLine reversed = account.lines().get(1);
        assertThat(reversed.activity()).isEqualTo("Workshop");
        assertThat(account.outOfHours(reversed)).isTrue();
        assertThat(account.amountOf(reversed)).isEqualTo(new BigDecimal("-225.00"));
        assertThat(account.consumedIn(PERIOD)).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void twentyFourSevenHasNoOutOfHoursAndAnUnknownCalendarSaysNothing() {
        TermsHistory allDay = new TermsHistory(RATES, CalendarKind.TWENTY_FOUR_SEVEN, AMSTERDAM, List.of());
        assertThat(allDay.outOfHours(Instant.parse("2026-03-14T03:00:00Z"))).isFalse();
        assertThat(TermsHistory.of(RATES).outOfHours(Instant.parse("2026-03-14T03:00:00Z"))).isNull();
        TermsHistory movedTo247 = new TermsHistory(RATES, CalendarKind.BUSINESS_HOURS, AMSTERDAM, List.of(
                new TermsHistory.TermsChange(Instant.parse("2026-03-15T23:00:00Z"), Instant.EPOCH, null, null,
                        CalendarKind.TWENTY_FOUR_SEVEN, AMSTERDAM)));
        assertThat(movedTo247.outOfHours(Instant.parse("2026-03-14T03:00:00Z"))).isTrue();
        assertThat(movedTo247.outOfHours(Instant.parse("2026-03-21T03:00:00Z"))).isFalse();
    }

    @Test
    void organisationLevelTimeCountsEverywhereButByTicket() {
        BudgetAccount account = account(List.of(entry("o1", null, 60, RateKind.STANDARD, "2026-03-10", "2026-03-10T10:00:00Z"),
                entry("e1", "T-1", 30, RateKind.STANDARD, "2026-03-10", null)));
        BudgetStatement statement = account.statement(PERIOD);
        assertThat(statement.consumed()).isEqualTo(new BigDecimal("150.00"));
        assertThat(statement.byTicket()).containsOnlyKeys("T-1");
        assertThat(statement.byAgent().get("agent-1").amount()).isEqualTo(new BigDecimal("150.00"));
    }
}
