package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.organization.BudgetTerms;

import java.time.LocalDate;

/** Registers an organisation's support contract. {@code contactLimit} null means the plan's default. */
public record RegisterOrganizationCommand(
        String organizationId,
        String name,
        Plan plan,
        CalendarKind calendar,
        String timeZone,
        LocalDate supportPeriodStart,
        LocalDate supportPeriodEnd,
        Integer contactLimit,
        String supportManager,
        BudgetTerms budget,
        String relationshipManager) {
}
