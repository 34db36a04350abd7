package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

public record ReverseOrganizationTimeEntryCommand(
        @TargetAggregateIdentifier String organizationId,
        String entryId,
        String reason,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
