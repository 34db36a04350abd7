package dev.helpdesk.events.organization;

import java.math.BigDecimal;

/** Prepaid support budget of an organisation: the amount bought and the hourly rates, in one currency. */
public record BudgetTerms(BigDecimal amount, String currency, BigDecimal standardRate, BigDecimal consultancyRate) {
}
