package dev.helpdesk.budgets.threshold;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** {@code data} of {@code helpdesk.budget.threshold-crossed.v1}, see docs/budget-events.md. */
public record ThresholdCrossedData(
        String organizationId,
        LocalDate periodStart,
        LocalDate periodEnd,
        int threshold,
        BigDecimal purchased,
        BigDecimal consumed,
        String currency,
        Instant crossedAt) {

    public static final String TYPE = "helpdesk.budget.threshold-crossed.v1";
}
