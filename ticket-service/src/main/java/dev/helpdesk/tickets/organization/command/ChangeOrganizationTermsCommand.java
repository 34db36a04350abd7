package dev.helpdesk.tickets.organization.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Changes an organisation's terms from {@code effectiveFrom} (null: from {@code at}, i.e. now). */
public record ChangeOrganizationTermsCommand(
        @TargetAggregateIdentifier String organizationId,
        TermsPatch patch,
        Instant effectiveFrom,
        String changedBy,
        Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
