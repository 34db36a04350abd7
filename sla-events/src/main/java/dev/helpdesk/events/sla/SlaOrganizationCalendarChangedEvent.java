package dev.helpdesk.events.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code helpdesk.sla.organization-calendar-changed.v1}: the business calendar an organisation's deadlines count on
 * is now this one, from {@code effectiveFrom}. Published whenever it changes for any reason (the organisation
 * registered or changed calendar or time zone, a policy with another calendar was assigned, the calendar's hours or
 * holidays were edited): one event per affected organisation, carrying the whole calendar so that a consumer (the
 * escalation service's acknowledgement deadlines) needs no other source. Keyed by organisation id.
 */
public record SlaOrganizationCalendarChangedEvent(
        String organizationId,
        String calendarId,
        long calendarVersion,
        String timeZone,
        Map<DayOfWeek, List<SlaBusinessHours>> weeklyHours,
        List<LocalDate> holidays,
        Instant effectiveFrom) {

    public SlaOrganizationCalendarChangedEvent {
        weeklyHours = weeklyHours == null ? Map.of() : Map.copyOf(weeklyHours);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }
}
