package dev.helpdesk.budgets.charging;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class SupportPeriodsTest {

    private static final SupportPeriod YEAR_2026 = new SupportPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));
    private static final SupportPeriod YEAR_2027 = new SupportPeriod(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"));

    @Test
    void anOverlappingChangeCorrectsThePeriodAndADisjointOneIsARenewal() {
        SupportPeriods periods = SupportPeriods.none().change(YEAR_2026);
        SupportPeriod extended = new SupportPeriod(YEAR_2026.start(), LocalDate.parse("2027-03-31"));
        assertThat(periods.change(extended).all()).containsExactly(extended);
        assertThat(periods.change(YEAR_2027).all()).containsExactly(YEAR_2026, YEAR_2027);
    }

    @Test
    void purchasesCountInTheirPeriodOrTheNextOneOrTheLatest() {
        SupportPeriods periods = new SupportPeriods(java.util.List.of(YEAR_2027, YEAR_2026));
        assertThat(periods.forPurchaseOn(LocalDate.parse("2026-05-01"))).contains(YEAR_2026);
        assertThat(periods.forPurchaseOn(LocalDate.parse("2025-12-20"))).contains(YEAR_2026);
        assertThat(periods.forPurchaseOn(LocalDate.parse("2030-01-01"))).contains(YEAR_2027);
    }

    @Test
    void theCurrentPeriodContainsTodayOrIsTheLatestStarted() {
        SupportPeriods periods = new SupportPeriods(java.util.List.of(YEAR_2026, YEAR_2027));
        assertThat(periods.current(LocalDate.parse("2027-06-01"))).contains(YEAR_2027);
        assertThat(periods.current(LocalDate.parse("2031-06-01"))).contains(YEAR_2027);
        assertThat(periods.current(LocalDate.parse("2020-06-01"))).contains(YEAR_2026);
    }
}
