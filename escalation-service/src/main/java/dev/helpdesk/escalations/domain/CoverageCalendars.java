package dev.helpdesk.escalations.domain;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.CalendarKind;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The default calendar of an organisation's calendar kind, in its time zone: business hours are Mon-Fri
 * 09:00-17:00, 24x7 is always open. Custom SLA calendars (holidays edited in the sla-service) are not mirrored here
 * yet, so acknowledgement deadlines ignore public holidays.
 */
public final class CoverageCalendars {

    private static final LocalTime OPENING = LocalTime.of(9, 0);
    private static final LocalTime CLOSING = LocalTime.of(17, 0);

    private CoverageCalendars() {
    }

    public static WorkingCalendar of(CalendarKind kind, ZoneId zone) {
        BusinessCalendar calendar = kind == CalendarKind.TWENTY_FOUR_SEVEN
                ? BusinessCalendar.twentyFourSeven(zone)
                : BusinessCalendar.weekdays(OPENING, CLOSING, zone);
        return calendar::add;
    }
}
