package dev.helpdesk.businesstime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BusinessCalendarPropertiesTest {

    private static final Instant EARLIEST = Instant.parse("2025-01-01T00:00:00Z");
    private static final long TWO_YEARS_IN_SECONDS = 2L * 366 * 24 * 3600;

    @Property(tries = 300)
    void addingThenMeasuringGivesBackTheDuration(@ForAll("calendars") BusinessCalendar calendar,
                                                 @ForAll("instants") Instant start,
                                                 @ForAll("durations") Duration duration) {
        Instant end = calendar.add(start, duration);

        assertThat(calendar.between(start, end)).isEqualTo(duration);
    }

    @Property(tries = 300)
    void addingInTwoStepsEqualsAddingOnce(@ForAll("calendars") BusinessCalendar calendar,
                                          @ForAll("instants") Instant start,
                                          @ForAll("durations") Duration first,
                                          @ForAll("durations") Duration second) {
        Instant inTwoSteps = calendar.add(calendar.add(start, first), second);

        assertThat(inTwoSteps).isEqualTo(calendar.add(start, first.plus(second)));
    }

    @Property(tries = 300)
    void aPositiveDurationEndsInsideOpeningHours(@ForAll("calendars") BusinessCalendar calendar,
                                                 @ForAll("instants") Instant start,
                                                 @ForAll("durations") Duration duration) {
        Instant end = calendar.add(start, duration);

        if (duration.isZero()) {
            assertThat(end).isEqualTo(start);
        } else {
            // inside a span, or exactly at its closing time
            assertThat(calendar.isOpen(end) || calendar.isOpen(end.minusNanos(1))).isTrue();
        }
    }

    @Property(tries = 200)
    void nextOpeningIsOpenAndNoBusinessTimePassesBeforeIt(@ForAll("calendars") BusinessCalendar calendar,
                                                          @ForAll("instants") Instant instant) {
        Instant opening = calendar.nextOpening(instant);

        assertThat(opening).isAfterOrEqualTo(instant);
        assertThat(calendar.isOpen(opening)).isTrue();
        assertThat(calendar.between(instant, opening)).isEqualTo(Duration.ZERO);
    }

    @Property(tries = 200)
    void measuringIsAdditiveOverAnySplitPoint(@ForAll("calendars") BusinessCalendar calendar,
                                              @ForAll("instants") Instant a,
                                              @ForAll("durations") Duration ab,
                                              @ForAll("durations") Duration bc) {
        Instant b = a.plus(ab);
        Instant c = b.plus(bc);

        assertThat(calendar.between(a, b).plus(calendar.between(b, c))).isEqualTo(calendar.between(a, c));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, TWO_YEARS_IN_SECONDS).map(EARLIEST::plusSeconds);
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1, 3 * 24 * 3600).map(Duration::ofSeconds)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 400).map(Duration::ofHours)));
    }

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        Arbitrary<ZoneId> zones = Arbitraries.of("Europe/London", "America/New_York", "UTC", "Australia/Lord_Howe",
                "Asia/Kolkata", "America/Sao_Paulo").map(ZoneId::of);
        Arbitrary<Set<LocalDate>> holidays = Arbitraries.longs().between(0, 2 * 366)
                .map(days -> LocalDate.of(2025, 1, 1).plusDays(days)).set().ofMaxSize(30);
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
                        DayOfWeek.FRIDAY, List.of(OpeningSpan.parse("12:00", "12:00:01"))));
        Arbitrary<BusinessCalendar> custom = Combinators.combine(weeks, holidays, zones).as(BusinessCalendar::new);
        return Arbitraries.oneOf(custom, zones.map(BusinessCalendar::twentyFourSeven),
                zones.map(zone -> BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), zone)));
    }
}
