package dev.helpdesk.budgets.charging;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Consumption within one week or month and the budget remaining at its end. */
public record BurndownPoint(LocalDate periodStart, BigDecimal consumed, BigDecimal remaining) {
}
