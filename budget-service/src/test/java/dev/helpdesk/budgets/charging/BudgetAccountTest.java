package dev.helpdesk.budgets.charging;

import dev.helpdesk.events.RateKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetAccountTest {

    private static final SupportPeriod PERIOD = new SupportPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));
    private static final RateCard RATES = new RateCard(new BigDecimal("100.00"), new BigDecimal("150.00"));

    private static LedgerLine logged(String entryId, String ticket, String agent, int minutes, RateKind rate, String day) {
        return new LedgerLine(entryId, LedgerLine.Kind.LOGGED, ticket, agent, minutes, rate, LocalDate.parse(day), "work", Instant.EPOCH);
    }

    private static LedgerLine reversed(LedgerLine line) {
        return new LedgerLine(line.entryId(), LedgerLine.Kind.REVERSED, line.ticketId(), line.agentId(), line.minutes(),
                line.rate(), line.workDate(), "wrong ticket", Instant.EPOCH);
    }

    private static BudgetAccount account(List<LedgerLine> lines, List<Purchase> purchases) {
        return new BudgetAccount("org-1", "EUR", RATES, new SupportPeriods(List.of(PERIOD)), purchases, lines);
    }

    @Test
    void statementShowsPurchasedConsumedRemainingAndBreakdowns() {
        LedgerLine wrong = logged("e3", "T-2", "bob", 30, RateKind.CONSULTANCY, "2026-02-03");
        BudgetAccount account = account(List.of(
                logged("e1", "T-1", "alice", 120, RateKind.STANDARD, "2026-02-02"),
                logged("e2", "T-2", "bob", 60, RateKind.CONSULTANCY, "2026-02-03"),
                wrong, reversed(wrong),
                logged("e9", "T-9", "carol", 600, RateKind.STANDARD, "2025-12-31")),
                List.of(new Purchase("initial", new BigDecimal("1000.00"), PERIOD.start()),
                        new Purchase("p1", new BigDecimal("500.00"), LocalDate.parse("2026-03-01"))));

        BudgetStatement statement = account.statement(PERIOD);

        assertThat(statement.purchased()).hasToString("1500.00");
        assertThat(statement.consumed()).hasToString("350.00");
        assertThat(statement.remaining()).hasToString("1150.00");
        assertThat(statement.percentUsed()).hasToString("23.33");
        assertThat(statement.byRate().get(RateKind.STANDARD)).isEqualTo(new Usage(120, new BigDecimal("200.00")));
        assertThat(statement.byRate().get(RateKind.CONSULTANCY)).isEqualTo(new Usage(60, new BigDecimal("150.00")));
        assertThat(statement.byTicket()).containsOnlyKeys("T-1", "T-2");
        assertThat(statement.byAgent().get("bob")).isEqualTo(new Usage(60, new BigDecimal("150.00")));
    }

    @Test
    void overrunShowsNegativeRemainingAndMoreThanHundredPercent() {
        BudgetAccount account = account(List.of(logged("e1", "T-1", "alice", 180, RateKind.CONSULTANCY, "2026-05-05")),
                List.of(new Purchase("initial", new BigDecimal("300.00"), PERIOD.start())));

        BudgetStatement statement = account.statement(PERIOD);

        assertThat(statement.remaining()).hasToString("-150.00");
        assertThat(statement.percentUsed()).hasToString("150.00");
    }

    @Test
    void burndownPerMonthShowsConsumptionAndRemainingAfterEachMonth() {
        BudgetAccount account = account(List.of(
                logged("e1", "T-1", "alice", 60, RateKind.STANDARD, "2026-01-15"),
                logged("e2", "T-1", "alice", 120, RateKind.STANDARD, "2026-03-02")),
                List.of(new Purchase("initial", new BigDecimal("1000.00"), PERIOD.start()),
                        new Purchase("p1", new BigDecimal("100.00"), LocalDate.parse("2026-02-10"))));

        List<BurndownPoint> points = account.burndown(PERIOD, BurndownInterval.MONTH);

        assertThat(points).hasSize(12);
        assertThat(points.get(0)).isEqualTo(new BurndownPoint(LocalDate.parse("2026-01-01"), new BigDecimal("100.00"), new BigDecimal("900.00")));
        assertThat(points.get(1)).isEqualTo(new BurndownPoint(LocalDate.parse("2026-02-01"), new BigDecimal("0.00"), new BigDecimal("1000.00")));
        assertThat(points.get(2)).isEqualTo(new BurndownPoint(LocalDate.parse("2026-03-01"), new BigDecimal("200.00"), new BigDecimal("800.00")));
        assertThat(points.get(11).remaining()).hasToString("800.00");
    }

    @Test
    void burndownPerWeekStartsOnMondayButNotBeforeThePeriod() {
        BudgetAccount account = account(List.of(logged("e1", "T-1", "alice", 60, RateKind.STANDARD, "2026-01-05")),
                List.of(new Purchase("initial", new BigDecimal("1000.00"), PERIOD.start())));

        List<BurndownPoint> points = account.burndown(PERIOD, BurndownInterval.WEEK);

        assertThat(points.get(0).periodStart()).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(points.get(1)).isEqualTo(new BurndownPoint(LocalDate.parse("2026-01-05"), new BigDecimal("100.00"), new BigDecimal("900.00")));
        assertThat(points).hasSize(53);
    }
}
