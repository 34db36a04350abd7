package dev.helpdesk.tickets.organization.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.math.BigDecimal;

public record PurchaseBudgetCommand(
        @TargetAggregateIdentifier String organizationId,
        String purchaseId,
        BigDecimal amount,
        String currency,
        @TargetAggregateVersion Long expectedVersion) {
}
