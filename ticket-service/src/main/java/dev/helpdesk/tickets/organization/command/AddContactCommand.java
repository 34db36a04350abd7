package dev.helpdesk.tickets.organization.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AddContactCommand(
        @TargetAggregateIdentifier String organizationId,
        String userId,
        String name,
        String email,
        @TargetAggregateVersion Long expectedVersion) {
}
