package dev.helpdesk.budgets.charging;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.businesstime.OpeningSpan;
import dev.helpdesk.events.CalendarKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Out-of-hours marks on the calendars sla-service publishes (docs/budget-time.md, "Out-of-hours marks"): holidays,
 * hours other than the default, daylight-saving changes, a calendar in force from later, the weekday rule before any.
 */
class PublishedCalendarMarksTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final RateCard RATES = new RateCard(new BigDecimal("100.00"), new BigDecimal("150.00"));
    private static final OpeningSpan NINE_TO_FIVE = OpeningSpan.of(LocalTime.of(9, 0), LocalTime.of(17, 0));

    private static BusinessCalendar calendar(Map<DayOfWeek, List<OpeningSpan>> week, Set<LocalDate> holidays) {
        return new BusinessCalendar(week, holidays, AMSTERDAM);
    }

    private static Map<DayOfWeek, List<OpeningSpan>> weekdays() {
        Map<DayOfWeek, List<OpeningSpan>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(day, List.of(NINE_TO_FIVE));
        }
        return week;
    }

    private static TermsHistory terms(CalendarKind kind, PublishedCalendar... published) {
        return new TermsHistory(RATES, kind, AMSTERDAM, List.of(), List.of(published));
    }

    private static Boolean mark(TermsHistory terms, String startedAt) {
        return terms.outOfHours(Instant.parse(startedAt));
    }

    @Test
    void workOnAPublishedHolidayIsOutOfHoursAndTheDayBeforeIsNot() {
        TermsHistory terms = terms(CalendarKind.BUSINESS_HOURS, new PublishedCalendar(Instant.parse("2026-01-01T00:00:00Z"),
                calendar(weekdays(), Set.of(LocalDate.parse("2026-12-25")))));

        assertThat(mark(terms, "2026-12-25T09:00:00Z")).as("Friday 25 December, 10:00 CET: a holiday").isTrue();
        assertThat(mark(terms, "2026-12-24T09:00:00Z")).as("Thursday 24 December, 10:00 CET").isFalse();
        assertThat(new TermsHistory(RATES, CalendarKind.BUSINESS_HOURS, AMSTERDAM, List.of()).outOfHours(
                Instant.parse("2026-12-25T09:00:00Z"))).as("without a published calendar: the weekday rule").isFalse();
    }

    @Test
    void thePublishedHoursDecideNotTheDefaultOnes() {
        Map<DayOfWeek, List<OpeningSpan>> week = weekdays();
        week.put(DayOfWeek.FRIDAY, List.of(OpeningSpan.of(LocalTime.of(9, 0), LocalTime.of(13, 0))));
        week.put(DayOfWeek.SATURDAY, List.of(OpeningSpan.of(LocalTime.of(10, 0), LocalTime.of(14, 0))));
        TermsHistory terms = terms(CalendarKind.BUSINESS_HOURS,
                new PublishedCalendar(Instant.parse("2026-01-01T00:00:00Z"), calendar(week, Set.of())));

        assertThat(mark(terms, "2026-03-13T13:00:00Z")).as("Friday 14:00 CET: after Friday's 13:00").isTrue();
        assertThat(mark(terms, "2026-03-14T10:00:00Z")).as("Saturday 11:00 CET: open on Saturdays").isFalse();
        assertThat(terms(CalendarKind.TWENTY_FOUR_SEVEN, new PublishedCalendar(Instant.parse("2026-01-01T00:00:00Z"),
                calendar(week, Set.of()))).outOfHours(Instant.parse("2026-03-15T10:00:00Z")))
                .as("the published calendar wins over the registered kind: Sunday closed").isTrue();
    }

    @Test
    void theHoursFollowTheZoneAcrossADaylightSavingChange() {
        TermsHistory terms = terms(CalendarKind.BUSINESS_HOURS,
                new PublishedCalendar(Instant.parse("2026-01-01T00:00:00Z"), calendar(weekdays(), Set.of())));

        // Summer time in Amsterdam from Sunday 29 March 2026: UTC+1 before, UTC+2 after.
        assertThat(mark(terms, "2026-03-27T07:30:00Z")).as("Friday 08:30 CET").isTrue();
        assertThat(mark(terms, "2026-03-30T07:30:00Z")).as("Monday 09:30 CEST").isFalse();
        assertThat(mark(terms, "2026-03-27T15:30:00Z")).as("Friday 16:30 CET").isFalse();
        assertThat(mark(terms, "2026-03-30T15:30:00Z")).as("Monday 17:30 CEST").isTrue();
    }

    @Test
    void aCalendarEffectiveLaterCountsOnlyFromItsEffectiveFromAndTheWeekdayRuleBeforeTheFirst() {
        Map<DayOfWeek, List<OpeningSpan>> withSaturdays = weekdays();
        withSaturdays.put(DayOfWeek.SATURDAY, List.of(NINE_TO_FIVE));
        Instant june = Instant.parse("2026-05-31T22:00:00Z"); // 1 June 00:00 CEST
        TermsHistory terms = terms(CalendarKind.BUSINESS_HOURS,
                new PublishedCalendar(june, calendar(withSaturdays, Set.of(LocalDate.parse("2026-06-03")))),
                new PublishedCalendar(Instant.parse("2026-04-01T00:00:00Z"),
                        calendar(weekdays(), Set.of(LocalDate.parse("2026-05-14")))));

        assertThat(mark(terms, "2026-03-03T09:00:00Z")).as("before any published calendar: the weekday rule").isFalse();
        assertThat(mark(terms, "2026-03-07T10:00:00Z")).as("a Saturday before any: the weekday rule").isTrue();
        assertThat(mark(terms, "2026-05-14T09:00:00Z")).as("Ascension Day, on the April calendar").isTrue();
        assertThat(mark(terms, "2026-05-30T09:00:00Z")).as("Saturday 30 May: the June calendar not yet").isTrue();
        assertThat(mark(terms, "2026-06-06T09:00:00Z")).as("Saturday 6 June: open on the June calendar").isFalse();
        assertThat(mark(terms, "2026-06-03T09:00:00Z")).as("the June calendar's holiday").isTrue();
        assertThat(mark(terms, "2026-05-31T21:59:59Z")).as("the last second before June: a Sunday").isTrue();
        assertThat(terms.outOfHours(null)).isNull();
    }
}
