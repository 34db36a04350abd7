package dev.helpdesk.tickets.organization.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;

public record ChangeSupportPeriodCommand(
        @TargetAggregateIdentifier String organizationId,
        LocalDate start,
        LocalDate end,
        @TargetAggregateVersion Long expectedVersion) {
}
