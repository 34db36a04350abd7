package dev.helpdesk.budgets.charging;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The step of a burn-down: ISO weeks (starting Monday) or calendar months. */
public enum BurndownInterval {
    WEEK, MONTH;

    public LocalDate startOf(LocalDate date) {
        return this == WEEK ? date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : date.withDayOfMonth(1);
    }

    public LocalDate next(LocalDate intervalStart) {
        return this == WEEK ? intervalStart.plusWeeks(1) : intervalStart.plusMonths(1);
    }
}
