package dev.helpdesk.businesstime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A business calendar: weekly opening hours (several spans per day allowed), public holidays (whole local
 * days, closed) and an IANA time zone in which both are read.
 *
 * <p>Business time is real elapsed time spent inside opening hours. Opening spans are placed on the time line
 * with the zone's rules: a local time in a daylight-saving gap is moved forward by the gap, a local time in an
 * overlap takes the earlier offset; so a day of a 24x7 calendar lasts 23, 24 or 25 hours, and the end of one
 * day (24:00, written {@code to = 00:00}) is the start of the next: no minute is lost at midnight.
 *
 * <p>Immutable and thread-safe. Computations walk day by day and skip closed days at once; their cost grows
 * with the number of calendar days crossed, not with the duration's resolution.
 */
public final class BusinessCalendar {

    private static final Comparator<OpeningSpan> BY_START = Comparator.comparing(OpeningSpan::from);

    private final Map<DayOfWeek, List<OpeningSpan>> weeklyHours;
    private final Set<LocalDate> holidays;
    private final ZoneId zone;

    /**
     * @param weeklyHours opening spans per day of week; missing days are closed; spans of one day must not overlap
     * @param holidays    local dates closed all day
     * @param zone        the zone in which hours and holidays are read
     * @throws IllegalArgumentException when a span overlaps another, the week has no opening at all, or an
     *                                  argument is missing
     */
    public BusinessCalendar(Map<DayOfWeek, List<OpeningSpan>> weeklyHours, Set<LocalDate> holidays, ZoneId zone) {
        if (weeklyHours == null) {
            throw new IllegalArgumentException("weekly opening hours are required");
        }
        if (zone == null) {
            throw new IllegalArgumentException("a time zone is required");
        }
        this.weeklyHours = validatedWeek(weeklyHours);
        this.holidays = holidays == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(requireNoNulls(holidays)));
        this.zone = zone;
    }

    /** Open all the time, every day, no holidays. */
    public static BusinessCalendar twentyFourSeven(ZoneId zone) {
        Map<DayOfWeek, List<OpeningSpan>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(OpeningSpan.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return new BusinessCalendar(week, Set.of(), zone);
    }

    /** Open Monday to Friday from {@code from} to {@code to} ({@code 00:00} meaning 24:00), no holidays. */
    public static BusinessCalendar weekdays(LocalTime from, LocalTime to, ZoneId zone) {
        OpeningSpan span = OpeningSpan.of(from, to);
        Map<DayOfWeek, List<OpeningSpan>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                week.put(day, List.of(span));
            }
        }
        return new BusinessCalendar(week, Set.of(), zone);
    }

    /** The same calendar with these holidays instead of its own. */
    public BusinessCalendar withHolidays(Set<LocalDate> newHolidays) {
        return new BusinessCalendar(weeklyHours, newHolidays, zone);
    }

    /** The same hours and holidays read in another zone. */
    public BusinessCalendar withZone(ZoneId newZone) {
        return new BusinessCalendar(weeklyHours, holidays, newZone);
    }

    /**
     * The instant at which {@code businessDuration} of business time has passed since {@code start}. A start
     * outside opening hours counts from the next opening. A zero duration answers {@code start} itself. A
     * positive duration ends inside opening hours, possibly exactly at a span's closing time.
     */
    public Instant add(Instant start, Duration businessDuration) {
        requireInstant(start, "start");
        if (businessDuration == null || businessDuration.isNegative()) {
            throw new IllegalArgumentException("business duration must be zero or positive, was " + businessDuration);
        }
        if (businessDuration.isZero()) {
            return start;
        }
        Duration remaining = businessDuration;
        LocalDate date = LocalDate.ofInstant(start, zone);
        while (true) {
            for (OpenInterval interval : openIntervals(date)) {
                if (!interval.end().isAfter(start)) {
                    continue;
                }
                Instant from = interval.start().isAfter(start) ? interval.start() : start;
                Duration available = Duration.between(from, interval.end());
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
            date = date.plusDays(1);
        }
    }

    /** The business time between two instants ({@code to} not before {@code from}). */
    public Duration between(Instant from, Instant to) {
        requireInstant(from, "from");
        requireInstant(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate date = LocalDate.ofInstant(from, zone); !date.isAfter(last); date = date.plusDays(1)) {
            for (OpenInterval interval : openIntervals(date)) {
                Instant start = interval.start().isAfter(from) ? interval.start() : from;
                Instant end = interval.end().isBefore(to) ? interval.end() : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** {@code instant} itself when the calendar is open then, otherwise the start of the next opening. */
    public Instant nextOpening(Instant instant) {
        requireInstant(instant, "instant");
        LocalDate date = LocalDate.ofInstant(instant, zone);
        while (true) {
            for (OpenInterval interval : openIntervals(date)) {
                if (interval.end().isAfter(instant)) {
                    return interval.start().isAfter(instant) ? interval.start() : instant;
                }
            }
            date = date.plusDays(1);
        }
    }

    /** Whether the calendar is open at this instant (span start inclusive, end exclusive). */
    public boolean isOpen(Instant instant) {
        requireInstant(instant, "instant");
        for (OpenInterval interval : openIntervals(LocalDate.ofInstant(instant, zone))) {
            if (!interval.start().isAfter(instant) && interval.end().isAfter(instant)) {
                return true;
            }
        }
        return false;
    }

    public Map<DayOfWeek, List<OpeningSpan>> weeklyHours() {
        return weeklyHours;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The opening intervals of one local date on the time line, in order; none on holidays. */
    private List<OpenInterval> openIntervals(LocalDate date) {
        List<OpeningSpan> spans = weeklyHours.get(date.getDayOfWeek());
        if (spans == null || spans.isEmpty() || holidays.contains(date)) {
            return List.of();
        }
        List<OpenInterval> intervals = new ArrayList<>(spans.size());
        for (OpeningSpan span : spans) {
            Instant start = date.atTime(span.from()).atZone(zone).toInstant();
            Instant end = span.endsAtEndOfDay()
                    ? date.plusDays(1).atStartOfDay(zone).toInstant()
                    : date.atTime(span.to()).atZone(zone).toInstant();
            if (end.isAfter(start)) {
                intervals.add(new OpenInterval(start, end));
            }
        }
        return intervals;
    }

    private static Map<DayOfWeek, List<OpeningSpan>> validatedWeek(Map<DayOfWeek, List<OpeningSpan>> week) {
        Map<DayOfWeek, List<OpeningSpan>> copy = new EnumMap<>(DayOfWeek.class);
        boolean opensSomeday = false;
        for (Map.Entry<DayOfWeek, List<OpeningSpan>> entry : week.entrySet()) {
            DayOfWeek day = entry.getKey();
            if (day == null) {
                throw new IllegalArgumentException("weekly opening hours contain a span without a day");
            }
            List<OpeningSpan> spans = entry.getValue() == null ? List.of() : new ArrayList<>(requireNoNulls(entry.getValue()));
            spans.sort(BY_START);
            for (int i = 1; i < spans.size(); i++) {
                if (spans.get(i - 1).overlaps(spans.get(i))) {
                    throw new IllegalArgumentException(
                            day + ": opening span " + spans.get(i - 1) + " overlaps " + spans.get(i));
                }
            }
            opensSomeday |= !spans.isEmpty();
            copy.put(day, List.copyOf(spans));
        }
        if (!opensSomeday) {
            throw new IllegalArgumentException("a calendar must be open at least once a week");
        }
        return Collections.unmodifiableMap(copy);
    }

    private static <T extends java.util.Collection<?>> T requireNoNulls(T values) {
        for (Object value : values) {
            if (value == null) {
                throw new IllegalArgumentException("calendar values must not be null");
            }
        }
        return values;
    }

    private static void requireInstant(Instant instant, String name) {
        if (instant == null) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BusinessCalendar that
                && weeklyHours.equals(that.weeklyHours)
                && holidays.equals(that.holidays)
                && zone.equals(that.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weeklyHours, holidays, zone);
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + zone + ", " + weeklyHours + ", holidays " + holidays + "]";
    }

    private record OpenInterval(Instant start, Instant end) {
    }
}
