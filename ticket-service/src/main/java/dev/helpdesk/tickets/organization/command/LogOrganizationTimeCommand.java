package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.RateKind;
import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;
import java.time.LocalDate;

/** Logs work done for an organisation outside any ticket; {@code workDate} null means the date of {@code startedAt}. */
public record LogOrganizationTimeCommand(
        @TargetAggregateIdentifier String organizationId,
        String entryId,
        int minutes,
        RateKind rate,
        LocalDate workDate,
        Instant startedAt,
        String activity,
        String note,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
