package dev.helpdesk.escalations.escalation;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.escalations.domain.CoverageCalendars;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A mirrored ticket with its organisation's contract. Plan, calendar and zone are null when neither the ticket's
 * opening nor its organisation has been seen yet; then the defaults apply (STANDARD, business hours, UTC).
 */
public record TicketRow(String ticketId, String organizationId, Plan plan, CalendarKind calendar, String timeZone,
                        Severity severity, boolean resolved, String supportManager) {

    public Plan planOrDefault() {
        return plan == null ? Plan.STANDARD : plan;
    }

    /** The calendar of its coverage kind in its zone, until the organisation's real calendar is published. */
    public BusinessCalendar fallbackCalendar() {
        return CoverageCalendars.of(calendar == null ? CalendarKind.BUSINESS_HOURS : calendar, zone());
    }

    private ZoneId zone() {
        try {
            return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
