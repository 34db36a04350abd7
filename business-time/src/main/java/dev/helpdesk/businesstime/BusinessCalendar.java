package dev.helpdesk.businesstime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
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
 * <p>Immutable and thread-safe. Computations look at a few days one by one and skip whole weeks at once: the
 * open time of a run of weeks is the nominal weekly hours, corrected only on holidays and on the days a change of
 * the zone's offset touches. So their cost grows with the number of weeks crossed (and of holidays and offset
 * changes within them), never with the number of days or the duration's resolution.
 */
public final class BusinessCalendar {

    private static final Comparator<OpeningSpan> BY_START = Comparator.comparing(OpeningSpan::from);

    private final Map<DayOfWeek, List<OpeningSpan>> weeklyHours;
    private static final int DAYS_PER_WEEK = 7;
    /** About 10,000 years: a skip never leaves the years {@link LocalDate} supports in one step. */
    private static final long MAX_WEEKS_PER_SKIP = 520_000;
    /** Transitions this many days outside a range are looked at too: an offset change can move a day's times. */
    private static final int TRANSITION_MARGIN_DAYS = 3;

    private final NavigableSet<LocalDate> holidaySet;
    private final Set<LocalDate> holidays;
    private final ZoneId zone;
    private final Map<DayOfWeek, Duration> nominalOpenPerDay;
    private final Duration openPerWeek;

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
        this.holidaySet = Collections.unmodifiableNavigableSet(
                holidays == null ? new TreeSet<>() : new TreeSet<>(requireNoNulls(holidays)));
        this.holidays = holidaySet;
        this.zone = zone;
        this.nominalOpenPerDay = nominalOpenPerDay(this.weeklyHours);
        this.openPerWeek = this.nominalOpenPerDay.values().stream().reduce(Duration.ZERO, Duration::plus);
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
     *
     * @throws java.time.DateTimeException when the answer lies beyond the supported years
     */
    public Instant add(Instant start, Duration businessDuration) {
        return add(start, businessDuration, new Steps());
    }

    /** The business time between two instants ({@code to} not before {@code from}). */
    public Duration between(Instant from, Instant to) {
        return between(from, to, new Steps());
    }

    /** {@code instant} itself when the calendar is open then, otherwise the start of the next opening. */
    public Instant nextOpening(Instant instant) {
        return nextOpening(instant, new Steps());
    }

    private Instant add(Instant start, Duration businessDuration, Steps steps) {
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
            for (int day = 0; day < DAYS_PER_WEEK; day++, date = date.plusDays(1)) {
                for (OpenInterval interval : openIntervals(date, steps)) {
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
            }
            WholeDays skipped = wholeWeeksHoldingLessThan(date, remaining, steps);
            date = skipped.until();
            remaining = remaining.minus(skipped.open());
        }
    }

    private Duration between(Instant from, Instant to, Steps steps) {
        requireInstant(from, "from");
        requireInstant(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(to, zone);
        Duration total = openWithin(first, from, to, steps);
        if (last.isAfter(first)) {
            // the days strictly between lie wholly inside [from, to]
            total = total.plus(openDuring(first.plusDays(1), last, steps)).plus(openWithin(last, from, to, steps));
        }
        return total;
    }

    private Instant nextOpening(Instant instant, Steps steps) {
        requireInstant(instant, "instant");
        LocalDate date = LocalDate.ofInstant(instant, zone);
        while (true) {
            for (int day = 0; day < DAYS_PER_WEEK; day++, date = date.plusDays(1)) {
                for (OpenInterval interval : openIntervals(date, steps)) {
                    if (interval.end().isAfter(instant)) {
                        return interval.start().isAfter(instant) ? interval.start() : instant;
                    }
                }
            }
            // runs of holidays: skip the weeks in which nothing opens
            while (openDuring(date, date.plusWeeks(1), steps).isZero()) {
                date = date.plusWeeks(1);
            }
        }
    }

    /** Package-private for tests: how many steps (days looked at, ranges summed) {@link #add} takes. */
    long stepsToAdd(Instant start, Duration businessDuration) {
        Steps steps = new Steps();
        add(start, businessDuration, steps);
        return steps.count;
    }

    /** Package-private for tests: how many steps {@link #between} takes. */
    long stepsToMeasure(Instant from, Instant to) {
        Steps steps = new Steps();
        between(from, to, steps);
        return steps.count;
    }

    /** Package-private for tests: how many steps {@link #nextOpening} takes. */
    long stepsToNextOpening(Instant instant) {
        Steps steps = new Steps();
        nextOpening(instant, steps);
        return steps.count;
    }

    /** Whether the calendar is open at this instant (span start inclusive, end exclusive). */
    public boolean isOpen(Instant instant) {
        requireInstant(instant, "instant");
        for (OpenInterval interval : openIntervals(LocalDate.ofInstant(instant, zone), new Steps())) {
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

    /**
     * The most whole weeks from {@code date} on whose open time is less than {@code remaining} (none when even
     * one week holds that much). Tries the weeks the nominal week suggests, one fewer for daylight-saving hours
     * gained, and halves on a miss.
     */
    private WholeDays wholeWeeksHoldingLessThan(LocalDate date, Duration remaining, Steps steps) {
        long weeks = remaining.compareTo(openPerWeek.multipliedBy(MAX_WEEKS_PER_SKIP)) >= 0
                ? MAX_WEEKS_PER_SKIP : remaining.dividedBy(openPerWeek);
        if (weeks > 1) {
            weeks--;
        }
        while (weeks > 0) {
            LocalDate until = date.plusWeeks(weeks);
            Duration open = openDuring(date, until, steps);
            if (open.compareTo(remaining) < 0) {
                return new WholeDays(until, open);
            }
            weeks /= 2;
        }
        return new WholeDays(date, Duration.ZERO);
    }

    /**
     * The open time of the whole local days {@code [first, until)}: the nominal hours of each weekday, less those
     * of the holidays, corrected on the days a change of the zone's offset touches (looked at one by one). Its
     * cost grows with the number of those holidays and changes, not with the length of the range.
     */
    private Duration openDuring(LocalDate first, LocalDate until, Steps steps) {
        steps.count++;
        long days = ChronoUnit.DAYS.between(first, until);
        if (days <= 0) {
            return Duration.ZERO;
        }
        Duration total = openPerWeek.multipliedBy(days / DAYS_PER_WEEK);
        for (LocalDate date = first.plusDays(days - days % DAYS_PER_WEEK); date.isBefore(until); date = date.plusDays(1)) {
            total = total.plus(nominalOpen(date));
        }
        for (LocalDate holiday : holidaySet.subSet(first, true, until, false)) {
            total = total.minus(nominalOpen(holiday));
        }
        for (LocalDate date : daysTouchedByOffsetChanges(first, until)) {
            if (!holidaySet.contains(date)) {
                total = total.plus(openWithin(date, Instant.MIN, Instant.MAX, steps)).minus(nominalOpen(date));
            }
        }
        return total;
    }

    /** The days of {@code [first, until)} whose open time may differ from their weekday's nominal hours. */
    private NavigableSet<LocalDate> daysTouchedByOffsetChanges(LocalDate first, LocalDate until) {
        NavigableSet<LocalDate> days = new TreeSet<>();
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return days;
        }
        Instant upper = until.plusDays(TRANSITION_MARGIN_DAYS).atStartOfDay(zone).toInstant();
        ZoneOffsetTransition transition =
                rules.nextTransition(first.minusDays(TRANSITION_MARGIN_DAYS).atStartOfDay(zone).toInstant());
        while (transition != null && transition.getInstant().isBefore(upper)) {
            // a day is touched when its local times, 00:00 to 24:00 inclusive, meet those the transition skips or repeats
            LocalDateTime earliest = min(transition.getDateTimeBefore(), transition.getDateTimeAfter());
            LocalDateTime latest = max(transition.getDateTimeBefore(), transition.getDateTimeAfter());
            LocalDate day = earliest.toLocalTime().equals(LocalTime.MIDNIGHT)
                    ? earliest.toLocalDate().minusDays(1) : earliest.toLocalDate();
            for (; !day.isAfter(latest.toLocalDate()); day = day.plusDays(1)) {
                if (!day.isBefore(first) && day.isBefore(until)) {
                    days.add(day);
                }
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        return days;
    }

    /** The open time of one local date that lies within {@code [from, to]}. */
    private Duration openWithin(LocalDate date, Instant from, Instant to, Steps steps) {
        Duration total = Duration.ZERO;
        for (OpenInterval interval : openIntervals(date, steps)) {
            Instant start = interval.start().isAfter(from) ? interval.start() : from;
            Instant end = interval.end().isBefore(to) ? interval.end() : to;
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /** The open time of this date's weekday on a day without holiday or change of offset. */
    private Duration nominalOpen(LocalDate date) {
        return nominalOpenPerDay.get(date.getDayOfWeek());
    }

    /** The opening intervals of one local date on the time line, in order; none on holidays. */
    private List<OpenInterval> openIntervals(LocalDate date, Steps steps) {
        steps.count++;
        List<OpeningSpan> spans = weeklyHours.get(date.getDayOfWeek());
        if (spans == null || spans.isEmpty() || holidaySet.contains(date)) {
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

    private static Map<DayOfWeek, Duration> nominalOpenPerDay(Map<DayOfWeek, List<OpeningSpan>> week) {
        Map<DayOfWeek, Duration> open = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            Duration total = Duration.ZERO;
            for (OpeningSpan span : week.getOrDefault(day, List.of())) {
                total = total.plusNanos(span.endNanos() - span.startNanos());
            }
            open.put(day, total);
        }
        return open;
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
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

    /** Whole local days skipped up to {@code until} (exclusive) and the open time they held. */
    private record WholeDays(LocalDate until, Duration open) {
    }

    /** What one computation costs: days looked at one by one plus ranges summed at once. */
    private static final class Steps {
        private long count;
    }
}
