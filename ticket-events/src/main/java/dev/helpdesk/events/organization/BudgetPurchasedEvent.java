package dev.helpdesk.events.organization;

import java.math.BigDecimal;

/** An organisation topped up its prepaid support budget. */
public record BudgetPurchasedEvent(String organizationId, String purchaseId, BigDecimal amount, String currency) {
}
