package dev.helpdesk.events.organization;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;

import java.time.LocalDate;

/**
 * An organisation signed a support contract. {@code budget}, {@code supportManager} and {@code relationshipManager}
 * may be null ({@code relationshipManager} is absent from events stored before it existed).
 */
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
        BudgetTerms budget,
        String relationshipManager) {

    /** The shape before the relationship manager was recorded. */
    public OrganizationRegisteredEvent(String organizationId, String name, Plan plan, CalendarKind calendar,
                                       String timeZone, LocalDate supportPeriodStart, LocalDate supportPeriodEnd,
                                       int contactLimit, String supportManager, BudgetTerms budget) {
        this(organizationId, name, plan, calendar, timeZone, supportPeriodStart, supportPeriodEnd, contactLimit,
                supportManager, budget, null);
    }
}
