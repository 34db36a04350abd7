package dev.helpdesk.escalations.domain;

import dev.helpdesk.businesstime.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The calendars an organisation's acknowledgement deadlines count on, one after the other on the time line: the
 * fallback (its coverage kind in its zone, Mon-Fri 09:00-17:00 or 24x7) until the first published calendar's
 * {@code effectiveFrom}, then each published calendar from its {@code effectiveFrom} to the next one's. Business time
 * that crosses a change is counted on each calendar for its own stretch, so a calendar in force from a future instant
 * (a terms change) only counts from then, and a calendar in force from before the start counts alone.
 */
public final class CalendarTimeline implements WorkingCalendar {

    private final BusinessCalendar fallback;
    private final List<PublishedCalendar> published;

    public CalendarTimeline(BusinessCalendar fallback, List<PublishedCalendar> published) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.published = published.stream().sorted(Comparator.comparing(PublishedCalendar::effectiveFrom)).toList();
    }

    /** Only the fallback: no calendar was published for the organisation yet. */
    public static CalendarTimeline fallbackOnly(BusinessCalendar fallback) {
        return new CalendarTimeline(fallback, List.of());
    }

    public boolean hasPublishedCalendar() {
        return !published.isEmpty();
    }

    @Override
    public Instant add(Instant start, Duration businessTime) {
        Instant at = start;
        Duration left = businessTime;
        int index = indexInForceAt(at);
        while (true) {
            BusinessCalendar calendar = index < 0 ? fallback : published.get(index).calendar();
            Instant end = index + 1 < published.size() ? published.get(index + 1).effectiveFrom() : null;
            Instant candidate = calendar.add(at, left);
            if (end == null || !candidate.isAfter(end)) {
                return candidate;
            }
            left = left.minus(calendar.between(at, end));
            at = end;
            index++;
        }
    }

    /** The index of the published calendar in force at {@code instant}, -1 for the fallback. */
    private int indexInForceAt(Instant instant) {
        int found = -1;
        for (int i = 0; i < published.size(); i++) {
            if (!published.get(i).effectiveFrom().isAfter(instant)) {
                found = i;
            }
        }
        return found;
    }
}
