package dev.helpdesk.tickets.organization.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Adds a technical contact; {@code at} is when (the contact limit in effect then, and any scheduled lower one). */
public record AddContactCommand(
        @TargetAggregateIdentifier String organizationId,
        String userId,
        String name,
        String email,
        java.time.Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
