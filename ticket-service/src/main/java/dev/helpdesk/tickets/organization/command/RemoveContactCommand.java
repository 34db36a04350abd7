package dev.helpdesk.tickets.organization.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RemoveContactCommand(
        @TargetAggregateIdentifier String organizationId,
        String userId,
        @TargetAggregateVersion Long expectedVersion) {
}
