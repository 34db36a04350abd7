package dev.helpdesk.tickets.ticket.autoclose;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.CalendarKind;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a resolved ticket closes by itself: {@code businessDays} business days of its organisation's calendar after the
 * resolution, a business day being one day's opening hours (Mon-Fri 09:00-17:00 for business hours, 24 hours for
 * 24x7), counted with the business-time arithmetic of the SLA clocks (a resolution outside hours counts from the
 * next opening; weekends do not count; daylight-saving changes follow the zone).
 */
public final class AutoCloseDeadline {

    private static final LocalTime OPENS = LocalTime.of(9, 0);
    private static final LocalTime CLOSES = LocalTime.of(17, 0);

    private AutoCloseDeadline() {
    }

    public static Instant after(Instant resolvedAt, CalendarKind calendar, ZoneId zone, int businessDays) {
        if (businessDays < 1) {
            throw new IllegalArgumentException("business days must be at least 1");
        }
        return switch (calendar) {
            case BUSINESS_HOURS -> BusinessCalendar.weekdays(OPENS, CLOSES, zone)
                    .add(resolvedAt, Duration.between(OPENS, CLOSES).multipliedBy(businessDays));
            case TWENTY_FOUR_SEVEN -> BusinessCalendar.twentyFourSeven(zone).add(resolvedAt, Duration.ofDays(businessDays));
        };
    }
}
