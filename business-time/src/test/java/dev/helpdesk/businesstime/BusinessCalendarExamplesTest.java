package dev.helpdesk.businesstime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarExamplesTest {

    private static final Set<LocalDate> UK_YEAR_END_HOLIDAYS =
            Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28"), LocalDate.parse("2027-01-01"));

    private static BusinessCalendar calendar(String kind, String zone) {
        ZoneId zoneId = ZoneId.of(zone);
        return switch (kind) {
            case "weekdays" -> BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), zoneId);
            case "24x7" -> BusinessCalendar.twentyFourSeven(zoneId);
            case "weekdays+holidays" -> BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), zoneId)
                    .withHolidays(UK_YEAR_END_HOLIDAYS);
            case "24x7+holidays" -> BusinessCalendar.twentyFourSeven(zoneId).withHolidays(UK_YEAR_END_HOLIDAYS);
            case "night-hour" -> everyDay(OpeningSpan.parse("01:00", "02:00"), zoneId);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static BusinessCalendar everyDay(OpeningSpan span, ZoneId zone) {
        Map<DayOfWeek, List<OpeningSpan>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(span));
        }
        return new BusinessCalendar(week, Set.of(), zone);
    }

    @ParameterizedTest(name = "{0} {1}: {2} + {3} = {4}")
    @CsvSource({
            // Europe/London: clocks go forward on Sun 2026-03-29, back on Sun 2026-10-25
            "weekdays, Europe/London, 2026-03-27T16:00:00Z, PT2H, 2026-03-30T09:00:00Z",
            "weekdays, Europe/London, 2026-10-23T15:00:00Z, PT2H, 2026-10-26T10:00:00Z",
            "24x7, Europe/London, 2026-03-28T12:00:00Z, PT24H, 2026-03-29T12:00:00Z",
            "24x7, Europe/London, 2026-03-29T00:59:00Z, PT2M, 2026-03-29T01:01:00Z",
            "night-hour, Europe/London, 2026-03-29T00:00:00Z, PT30M, 2026-03-30T00:30:00Z",
            "night-hour, Europe/London, 2026-10-25T00:00:00Z, PT90M, 2026-10-25T01:30:00Z",
            // America/New_York: forward on Sun 2026-03-08, back on Sun 2026-11-01
            "weekdays, America/New_York, 2026-03-06T21:00:00Z, PT2H, 2026-03-09T14:00:00Z",
            "weekdays, America/New_York, 2026-10-30T20:00:00Z, PT2H, 2026-11-02T15:00:00Z",
            "24x7, America/New_York, 2026-03-08T06:59:00Z, PT1M, 2026-03-08T07:00:00Z",
            "24x7, America/New_York, 2026-10-31T12:00:00Z, PT24H, 2026-11-01T12:00:00Z",
            // year end and holidays
            "weekdays+holidays, Europe/London, 2026-12-24T16:00:00Z, PT2H, 2026-12-29T10:00:00Z",
            "weekdays+holidays, Europe/London, 2026-12-31T16:00:00Z, PT2H, 2027-01-04T10:00:00Z",
            "24x7, UTC, 2026-12-31T23:30:00Z, PT1H, 2027-01-01T00:30:00Z",
            "24x7+holidays, Europe/London, 2026-12-31T23:30:00Z, PT1H, 2027-01-02T00:30:00Z",
            "weekdays, Asia/Tokyo, 2026-12-31T07:30:00Z, PT1H, 2027-01-01T00:30:00Z",
            // start outside hours moves to the next opening; closing time is a valid due time
            "weekdays, Europe/London, 2026-11-21T10:00:00Z, PT1H, 2026-11-23T10:00:00Z",
            "weekdays, Europe/London, 2026-11-23T07:00:00Z, PT30S, 2026-11-23T09:00:30Z",
            "weekdays, Europe/London, 2026-11-23T16:00:00Z, PT1H, 2026-11-23T17:00:00Z",
            "weekdays, Europe/London, 2026-11-23T16:00:00Z, PT1H1S, 2026-11-24T09:00:01Z",
            "weekdays, Europe/London, 2026-11-21T10:00:00Z, PT0S, 2026-11-21T10:00:00Z",
    })
    void addsBusinessTime(String kind, String zone, Instant start, Duration duration, Instant expected) {
        BusinessCalendar calendar = calendar(kind, zone);

        assertThat(calendar.add(start, duration)).isEqualTo(expected);
        assertThat(calendar.between(start, expected)).isEqualTo(duration);
    }

    @ParameterizedTest(name = "{0} {1}: between {2} and {3} = {4}")
    @CsvSource({
            "24x7, Europe/London, 2026-03-29T00:00:00Z, 2026-03-29T23:00:00Z, PT23H",
            "24x7, Europe/London, 2026-10-24T23:00:00Z, 2026-10-26T00:00:00Z, PT25H",
            "24x7, America/New_York, 2026-03-08T05:00:00Z, 2026-03-09T04:00:00Z, PT23H",
            "weekdays, Europe/London, 2026-11-20T16:00:00Z, 2026-11-23T10:00:00Z, PT2H",
            "weekdays, Europe/London, 2026-11-21T00:00:00Z, 2026-11-22T23:59:59Z, PT0S",
            "weekdays+holidays, Europe/London, 2026-12-21T00:00:00Z, 2027-01-05T00:00:00Z, PT64H",
            "weekdays, America/New_York, 2026-11-02T14:00:00Z, 2026-11-02T14:00:00Z, PT0S",
    })
    void measuresBusinessTime(String kind, String zone, Instant from, Instant to, Duration expected) {
        assertThat(calendar(kind, zone).between(from, to)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}: next opening after {2} is {3}")
    @CsvSource({
            "weekdays, Europe/London, 2026-11-21T10:00:00Z, 2026-11-23T09:00:00Z",
            "weekdays, Europe/London, 2026-11-23T12:00:00Z, 2026-11-23T12:00:00Z",
            "weekdays, Europe/London, 2026-11-23T17:00:00Z, 2026-11-24T09:00:00Z",
            "weekdays, America/New_York, 2026-03-07T12:00:00Z, 2026-03-09T13:00:00Z",
            "weekdays+holidays, Europe/London, 2026-12-24T17:00:00Z, 2026-12-29T09:00:00Z",
            "24x7, Europe/London, 2026-03-29T01:00:00Z, 2026-03-29T01:00:00Z",
    })
    void findsTheNextOpening(String kind, String zone, Instant instant, Instant expected) {
        assertThat(calendar(kind, zone).nextOpening(instant)).isEqualTo(expected);
    }

    @Test
    void severalSpansPerDayCountOnlyTheirOpenTime() {
        Map<DayOfWeek, List<OpeningSpan>> week = new EnumMap<>(DayOfWeek.class);
        week.put(DayOfWeek.MONDAY, List.of(OpeningSpan.parse("13:00", "17:00"), OpeningSpan.parse("08:00", "12:00")));
        BusinessCalendar calendar = new BusinessCalendar(week, Set.of(), ZoneId.of("UTC"));

        assertThat(calendar.add(Instant.parse("2026-11-23T11:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-11-23T14:00:00Z"));
        assertThat(calendar.add(Instant.parse("2026-11-23T16:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    }

    @Test
    void endOfDayCanBeWrittenAsMidnightOrMaxOrTwentyFourHundred() {
        OpeningSpan viaMidnight = OpeningSpan.of(LocalTime.of(18, 0), LocalTime.MIDNIGHT);
        OpeningSpan viaMax = OpeningSpan.of(LocalTime.of(18, 0), LocalTime.MAX);
        OpeningSpan viaText = OpeningSpan.parse("18:00", "24:00");

        assertThat(viaMax).isEqualTo(viaMidnight).isEqualTo(viaText);
        assertThat(viaText.endsAtEndOfDay()).isTrue();
        assertThat(viaText.toText()).isEqualTo("24:00");
        BusinessCalendar evenings = everyDay(viaText, ZoneId.of("UTC"));
        assertThat(evenings.between(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z")))
                .isEqualTo(Duration.ofHours(6));
    }

    @Test
    void longDurationsSkipClosedDays() {
        BusinessCalendar calendar = calendar("weekdays+holidays", "Europe/London");
        Instant start = Instant.parse("2026-01-05T09:00:00Z");

        Instant end = calendar.add(start, Duration.ofHours(8 * 5 * 52 * 10L));

        assertThat(calendar.between(start, end)).isEqualTo(Duration.ofHours(8 * 5 * 52 * 10L));
        assertThat(end).isBetween(Instant.parse("2035-12-01T00:00:00Z"), Instant.parse("2036-02-01T00:00:00Z"));
    }

    @Test
    void rejectsOverlappingSpans() {
        Map<DayOfWeek, List<OpeningSpan>> week = Map.of(DayOfWeek.MONDAY,
                List.of(OpeningSpan.parse("09:00", "12:00"), OpeningSpan.parse("11:00", "17:00")));

        assertThatThrownBy(() -> new BusinessCalendar(week, Set.of(), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MONDAY: opening span 09:00-12:00 overlaps 11:00-17:00");
    }

    @Test
    void acceptsAdjacentSpans() {
        Map<DayOfWeek, List<OpeningSpan>> week = Map.of(DayOfWeek.MONDAY,
                List.of(OpeningSpan.parse("09:00", "12:00"), OpeningSpan.parse("12:00", "17:00")));

        BusinessCalendar calendar = new BusinessCalendar(week, Set.of(), ZoneId.of("UTC"));

        assertThat(calendar.add(Instant.parse("2026-11-23T11:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
    }

    @Test
    void rejectsInvalidInputWithClearMessages() {
        assertThatThrownBy(() -> OpeningSpan.parse("17:00", "09:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'to' must be after 'from'");
        assertThatThrownBy(() -> OpeningSpan.parse("09:00", "09:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'to' must be after 'from'");
        assertThatThrownBy(() -> OpeningSpan.parse("9 o'clock", "17:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'from' is not a time of day");
        assertThatThrownBy(() -> new BusinessCalendar(Map.of(), Set.of(), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open at least once a week");
        assertThatThrownBy(() -> BusinessCalendar.twentyFourSeven(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time zone");
        BusinessCalendar calendar = BusinessCalendar.twentyFourSeven(ZoneId.of("UTC"));
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThatThrownBy(() -> calendar.add(now, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero or positive");
        assertThatThrownBy(() -> calendar.add(now, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.between(now, now.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> calendar.nextOpening(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'instant' is required");
    }
}
