package dev.helpdesk.budgets.charging;

import dev.helpdesk.events.RateKind;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An organisation's budget in one support period. {@code remaining} goes negative on overrun (shown, never
 * blocked); {@code percentUsed} is null when nothing was purchased.
 */
public record BudgetStatement(
        SupportPeriod period,
        BigDecimal purchased,
        BigDecimal consumed,
        BigDecimal remaining,
        BigDecimal percentUsed,
        Map<RateKind, Usage> byRate,
        Map<String, Usage> byTicket,
        Map<String, Usage> byAgent) {
}
