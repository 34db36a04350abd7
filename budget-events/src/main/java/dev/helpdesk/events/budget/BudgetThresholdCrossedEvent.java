package dev.helpdesk.events.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code helpdesk.budget.threshold-crossed.v1}: an organisation's consumption reached {@code threshold} percent of
 * the money purchased for the support period {@code periodStart}..{@code periodEnd} (inclusive). Money has two
 * decimals in {@code currency}.
 */
public record BudgetThresholdCrossedEvent(
        String organizationId,
        LocalDate periodStart,
        LocalDate periodEnd,
        int threshold,
        BigDecimal purchased,
        BigDecimal consumed,
        String currency,
        Instant crossedAt) {
}
