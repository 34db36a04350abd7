package dev.helpdesk.businesstime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The test oracle: business-time arithmetic as it was before whole weeks were skipped, walking one local day per
 * step over the same calendar's hours, holidays and zone. Slow (O(days)) and obviously right.
 */
final class DayByDayCalendar {

    private final BusinessCalendar calendar;

    DayByDayCalendar(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    Instant add(Instant start, Duration businessDuration) {
        if (businessDuration.isZero()) {
            return start;
        }
        Duration remaining = businessDuration;
        LocalDate date = LocalDate.ofInstant(start, calendar.zone());
        while (true) {
            for (Instant[] interval : openIntervals(date)) {
                if (!interval[1].isAfter(start)) {
                    continue;
                }
                Instant from = interval[0].isAfter(start) ? interval[0] : start;
                Duration available = Duration.between(from, interval[1]);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
            date = date.plusDays(1);
        }
    }

    Duration between(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, calendar.zone());
        for (LocalDate date = LocalDate.ofInstant(from, calendar.zone()); !date.isAfter(last); date = date.plusDays(1)) {
            for (Instant[] interval : openIntervals(date)) {
                Instant start = interval[0].isAfter(from) ? interval[0] : from;
                Instant end = interval[1].isBefore(to) ? interval[1] : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    Instant nextOpening(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, calendar.zone());
        while (true) {
            for (Instant[] interval : openIntervals(date)) {
                if (interval[1].isAfter(instant)) {
                    return interval[0].isAfter(instant) ? interval[0] : instant;
                }
            }
            date = date.plusDays(1);
        }
    }

    private List<Instant[]> openIntervals(LocalDate date) {
        List<OpeningSpan> spans = calendar.weeklyHours().get(date.getDayOfWeek());
        if (spans == null || spans.isEmpty() || calendar.holidays().contains(date)) {
            return List.of();
        }
        List<Instant[]> intervals = new ArrayList<>();
        for (OpeningSpan span : spans) {
            Instant start = date.atTime(span.from()).atZone(calendar.zone()).toInstant();
            Instant end = span.endsAtEndOfDay()
                    ? date.plusDays(1).atStartOfDay(calendar.zone()).toInstant()
                    : date.atTime(span.to()).atZone(calendar.zone()).toInstant();
            if (end.isAfter(start)) {
                intervals.add(new Instant[] {start, end});
            }
        }
        return intervals;
    }
}
