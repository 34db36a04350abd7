package dev.helpdesk.events.organization;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;

import java.time.LocalDate;

/** An organisation signed a support contract. {@code budget} and {@code supportManager} may be null. */
public record OrganizationRegisteredEvent(
        String organizationId,
        String name,
        Plan plan,
        CalendarKind calendar,
        String timeZone,
        LocalDate supportPeriodStart,
        LocalDate supportPeriodEnd,
        int contactLimit,
        String supportManager,
        BudgetTerms budget) {
}
