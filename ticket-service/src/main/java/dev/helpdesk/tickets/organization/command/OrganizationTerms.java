package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;

import java.time.LocalDate;
import java.util.Set;

/** What opening a ticket needs to know about its organisation, read from the Organization aggregate. */
public record OrganizationTerms(
        String organizationId,
        Plan plan,
        CalendarKind calendar,
        String timeZone,
        LocalDate supportPeriodStart,
        LocalDate supportPeriodEnd,
        Set<String> contactIds) {

    public OrganizationTerms {
        contactIds = Set.copyOf(contactIds);
    }
}
