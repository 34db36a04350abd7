package dev.helpdesk.businesstime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Skipping whole weeks gives exactly what walking day by day gives ({@link DayByDayCalendar}, the old algorithm
 * kept as the oracle), across changes of offset, holidays and long durations; and it takes O(weeks) steps.
 */
class BusinessCalendarFastPathTest {

    private static final Instant EARLIEST = Instant.parse("2024-01-01T00:00:00Z");
    private static final long SIX_YEARS_IN_SECONDS = 6L * 366 * 24 * 3600;

    @Property(tries = 400)
    void addingEqualsTheDayByDayWalk(@ForAll("calendars") BusinessCalendar calendar,
                                     @ForAll("instants") Instant start,
                                     @ForAll("longDurations") Duration duration) {
        assertThat(calendar.add(start, duration)).isEqualTo(new DayByDayCalendar(calendar).add(start, duration));
    }

    @Property(tries = 400)
    void measuringEqualsTheDayByDayWalk(@ForAll("calendars") BusinessCalendar calendar,
                                        @ForAll("instants") Instant from,
                                        @ForAll("longDurations") Duration span) {
        Instant to = from.plus(span);

        assertThat(calendar.between(from, to)).isEqualTo(new DayByDayCalendar(calendar).between(from, to));
    }

    @Property(tries = 300)
    void theNextOpeningEqualsTheDayByDayWalk(@ForAll("calendars") BusinessCalendar calendar,
                                             @ForAll("instants") Instant instant) {
        assertThat(calendar.nextOpening(instant)).isEqualTo(new DayByDayCalendar(calendar).nextOpening(instant));
    }

    @Test
    void aTwoThousandYearTargetNoLongerWalksEveryDay() {
        BusinessCalendar calendar = BusinessCalendar.twentyFourSeven(ZoneId.of("Europe/London"))
                .withHolidays(Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2900-01-01")));
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        Duration twoThousandYears = Duration.ofDays(2000L * 365);

        long steps = calendar.stepsToAdd(start, twoThousandYears);

        // the day-by-day walk took 730,000 steps (one per day); the weeks are skipped in a handful of ranges
        // whose cost is the holidays and the ~4,000 changes of offset within them
        assertThat(steps).isLessThan(20_000);
        Instant end = calendar.add(start, twoThousandYears);
        assertThat(calendar.between(start, end)).isEqualTo(twoThousandYears);
        assertThat(calendar.stepsToMeasure(start, end)).isLessThan(20_000);
    }

    @Test
    void aLongTargetOnBusinessHoursCostsWeeksNotDays() {
        BusinessCalendar calendar = BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("UTC"));
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        Duration fiftyYearsOfWork = Duration.ofHours(50L * 52 * 40);

        assertThat(calendar.stepsToAdd(start, fiftyYearsOfWork)).isLessThan(100);
        assertThat(calendar.add(start, fiftyYearsOfWork))
                .isEqualTo(new DayByDayCalendar(calendar).add(start, fiftyYearsOfWork));
    }

    @Test
    void aYearOfHolidaysIsSkippedByTheWeekWhenLookingForTheNextOpening() {
        Set<LocalDate> closedYear = new HashSet<>();
        for (LocalDate day = LocalDate.parse("2027-01-01"); day.getYear() < 2037; day = day.plusDays(1)) {
            closedYear.add(day);
        }
        BusinessCalendar calendar = BusinessCalendar.twentyFourSeven(ZoneId.of("UTC")).withHolidays(closedYear);

        assertThat(calendar.nextOpening(Instant.parse("2027-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2037-01-01T00:00:00Z"));
        assertThat(calendar.stepsToNextOpening(Instant.parse("2027-01-01T00:00:00Z"))).isLessThan(3_650 / 6);
    }

    @Provide
    Arbitrary<Instant> instants() {
        // around today, and around the whole-day jumps of Apia (2011) and Kiritimati (1994)
        Arbitrary<Instant> bases = Arbitraries.of(EARLIEST, Instant.parse("2009-01-01T00:00:00Z"),
                Instant.parse("1992-01-01T00:00:00Z"));
        return Combinators.combine(bases, Arbitraries.longs().between(0, SIX_YEARS_IN_SECONDS)).as(Instant::plusSeconds);
    }

    @Provide
    Arbitrary<Duration> longDurations() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                Tuple.of(3, Arbitraries.longs().between(1, 3 * 24 * 3600).map(Duration::ofSeconds)),
                Tuple.of(3, Arbitraries.longs().between(1, 24 * 400).map(Duration::ofHours)),
                Tuple.of(3, Arbitraries.longs().between(1, 4L * 366 * 24 * 3600).map(Duration::ofSeconds)));
    }

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        // offsets that change by an hour, by 30 minutes (Lord Howe), at midnight (Sao Paulo until 2019, Havana),
        // and by a whole day (Apia skipped 2011-12-30; Kiritimati 1994-12-31)
        Arbitrary<ZoneId> zones = Arbitraries.of("Europe/London", "America/New_York", "UTC", "Australia/Lord_Howe",
                "Asia/Kolkata", "America/Sao_Paulo", "America/Havana", "Pacific/Apia", "Pacific/Kiritimati",
                "Europe/Dublin").map(ZoneId::of);
        Arbitrary<Set<LocalDate>> holidays = Combinators.combine(
                        Arbitraries.of(LocalDate.of(2024, 1, 1), LocalDate.of(2009, 1, 1), LocalDate.of(1992, 1, 1)),
                        Arbitraries.longs().between(-30, 8 * 366))
                .as(LocalDate::plusDays).set().ofMaxSize(60);
        Arbitrary<Map<DayOfWeek, List<OpeningSpan>>> weeks = Arbitraries.of(
                Map.of(DayOfWeek.MONDAY, List.of(OpeningSpan.parse("09:00", "17:00")),
                        DayOfWeek.TUESDAY, List.of(OpeningSpan.parse("09:00", "17:00")),
                        DayOfWeek.WEDNESDAY, List.of(OpeningSpan.parse("09:00", "17:00")),
                        DayOfWeek.THURSDAY, List.of(OpeningSpan.parse("09:00", "17:00")),
                        DayOfWeek.FRIDAY, List.of(OpeningSpan.parse("09:00", "17:00"))),
                Map.of(DayOfWeek.MONDAY, List.of(OpeningSpan.parse("08:00", "12:00"), OpeningSpan.parse("13:00", "17:30")),
                        DayOfWeek.WEDNESDAY, List.of(OpeningSpan.parse("00:00", "02:30"), OpeningSpan.parse("22:00", "24:00")),
                        DayOfWeek.SATURDAY, List.of(OpeningSpan.parse("01:00", "03:00"))),
                Map.of(DayOfWeek.SUNDAY, List.of(OpeningSpan.parse("00:00", "24:00")),
                        DayOfWeek.MONDAY, List.of(OpeningSpan.parse("00:00", "24:00")),
                        DayOfWeek.FRIDAY, List.of(OpeningSpan.parse("12:00", "12:00:01"))),
                Map.of(DayOfWeek.SUNDAY, List.of(OpeningSpan.parse("01:30", "02:30"), OpeningSpan.parse("23:00", "24:00"))));
        Arbitrary<BusinessCalendar> custom = Combinators.combine(weeks, holidays, zones).as(BusinessCalendar::new);
        return Arbitraries.oneOf(custom, zones.map(BusinessCalendar::twentyFourSeven),
                Combinators.combine(zones, holidays).as((zone, days) -> BusinessCalendar.twentyFourSeven(zone).withHolidays(days)),
                zones.map(zone -> BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), zone)));
    }
}
