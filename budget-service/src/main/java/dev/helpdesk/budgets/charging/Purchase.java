package dev.helpdesk.budgets.charging;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Money added to an organisation's budget: the initial budget of its contract or a top-up. */
public record Purchase(String purchaseId, BigDecimal amount, LocalDate purchasedOn) {
}
