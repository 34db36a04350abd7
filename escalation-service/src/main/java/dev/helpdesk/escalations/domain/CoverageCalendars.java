package dev.helpdesk.escalations.domain;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.CalendarKind;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The fallback calendar of an organisation's coverage kind, in its time zone, used until the sla-service published
 * the organisation's real calendar: business hours are Mon-Fri 09:00-17:00 without holidays, 24x7 is always open.
 */
public final class CoverageCalendars {

    private static final LocalTime OPENING = LocalTime.of(9, 0);
    private static final LocalTime CLOSING = LocalTime.of(17, 0);

    private CoverageCalendars() {
    }

    public static BusinessCalendar of(CalendarKind kind, ZoneId zone) {
        return kind == CalendarKind.TWENTY_FOUR_SEVEN
                ? BusinessCalendar.twentyFourSeven(zone)
                : BusinessCalendar.weekdays(OPENING, CLOSING, zone);
    }
}
