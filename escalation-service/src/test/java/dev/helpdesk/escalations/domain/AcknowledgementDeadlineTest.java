package dev.helpdesk.escalations.domain;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.businesstime.OpeningSpan;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledgement deadlines on an organisation's published calendar: holidays, daylight-saving changes, calendars
 * taking over from an instant, and which deadlines a calendar change moves.
 */
class AcknowledgementDeadlineTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration ONE_HOUR = Duration.ofHours(1);
    private static final BusinessCalendar BERLIN_OFFICE = BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN);
    private static final BusinessCalendar UTC_ROUND_THE_CLOCK = BusinessCalendar.twentyFourSeven(ZoneId.of("UTC"));
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @Test
    void aHolidaySkipsTheWholeDay() {
        BusinessCalendar christmas = BERLIN_OFFICE.withHolidays(Set.of(LocalDate.of(2026, 12, 25)));
        // Thursday 24 December 16:30 in Berlin: half an hour that day, Friday 25 a holiday, then the weekend
        Instant thursday = Instant.parse("2026-12-24T15:30:00Z");

        assertThat(deadline(thursday, ONE_HOUR, christmas)).isEqualTo(Instant.parse("2026-12-28T08:30:00Z"));
        assertThat(deadline(thursday, ONE_HOUR, BERLIN_OFFICE)).as("without the holiday")
                .isEqualTo(Instant.parse("2026-12-25T08:30:00Z"));
    }

    @Test
    void theEndOfSummerTimeOverTheWeekendMovesTheDeadlineByAnHourInUtc() {
        // Friday 23 October 2026 16:30 CEST; summer time ends on Sunday 25: Monday 09:30 is CET (UTC+1)
        Instant friday = Instant.parse("2026-10-23T14:30:00Z");

        assertThat(deadline(friday, ONE_HOUR, published(BERLIN_OFFICE))).isEqualTo(Instant.parse("2026-10-26T08:30:00Z"));
    }

    @Test
    void theStartOfSummerTimeOverTheWeekendMovesTheDeadlineEarlierInUtc() {
        // Friday 27 March 2026 16:30 CET; summer time starts on Sunday 29: Monday 09:30 is CEST (UTC+2)
        Instant friday = Instant.parse("2026-03-27T15:30:00Z");

        assertThat(deadline(friday, ONE_HOUR, published(BERLIN_OFFICE))).isEqualTo(Instant.parse("2026-03-30T07:30:00Z"));
    }

    @Test
    void theRepeatedHourOfTheNightSummerTimeEndsIsBusinessTimeToo() {
        // Open Sundays 00:00-04:00 local: on 25 October 2026 that is five real hours (02:00-03:00 happens twice)
        BusinessCalendar sundayNights = new BusinessCalendar(
                Map.of(DayOfWeek.SUNDAY, List.of(OpeningSpan.of(LocalTime.MIDNIGHT, LocalTime.of(4, 0)))), Set.of(), BERLIN);
        Instant midnight = Instant.parse("2026-10-24T22:00:00Z"); // Sunday 00:00 CEST

        assertThat(deadline(midnight, Duration.ofHours(4), published(sundayNights)))
                .as("four real hours, 03:00 CET, not 04:00 local").isEqualTo(Instant.parse("2026-10-25T02:00:00Z"));
        assertThat(deadline(midnight, Duration.ofHours(5), published(sundayNights)))
                .isEqualTo(Instant.parse("2026-10-25T03:00:00Z"));
    }

    @Test
    void withoutAPublishedCalendarTheFallbackCounts() {
        Instant friday = Instant.parse("2026-12-24T15:30:00Z");

        assertThat(deadline(friday, ONE_HOUR, CalendarTimeline.fallbackOnly(BERLIN_OFFICE)))
                .isEqualTo(Instant.parse("2026-12-25T08:30:00Z"));
        assertThat(CalendarTimeline.fallbackOnly(BERLIN_OFFICE).hasPublishedCalendar()).isFalse();
    }

    @Test
    void aCalendarInForceBeforeTheStartCountsAlone() {
        CalendarTimeline timeline = new CalendarTimeline(UTC_ROUND_THE_CLOCK, List.of(calendar(BERLIN_OFFICE, LONG_AGO, 1)));
        Instant saturday = Instant.parse("2026-11-21T10:00:00Z");

        assertThat(deadline(saturday, ONE_HOUR, timeline)).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    }

    @Test
    void aCalendarInForceFromLaterCountsOnlyFromThen() {
        // round the clock until Monday 23 November 08:00 UTC, the Berlin office from then
        Instant switchover = Instant.parse("2026-11-23T08:00:00Z");
        CalendarTimeline timeline = new CalendarTimeline(UTC_ROUND_THE_CLOCK, List.of(calendar(BERLIN_OFFICE, switchover, 1)));

        assertThat(deadline(Instant.parse("2026-11-23T07:30:00Z"), ONE_HOUR, timeline))
                .as("30 minutes round the clock, then 30 from 09:00 Berlin").isEqualTo(Instant.parse("2026-11-23T08:30:00Z"));
        assertThat(deadline(Instant.parse("2026-11-23T06:00:00Z"), ONE_HOUR, timeline))
                .as("all before the switchover").isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
    }

    @Test
    void calendarsFollowEachOtherInTheOrderTheyTakeEffect() {
        Instant first = Instant.parse("2026-11-23T08:00:00Z");
        Instant second = Instant.parse("2026-11-23T09:00:00Z");
        BusinessCalendar closedMonday = BERLIN_OFFICE.withHolidays(Set.of(LocalDate.of(2026, 11, 23)));
        CalendarTimeline timeline = new CalendarTimeline(UTC_ROUND_THE_CLOCK,
                List.of(calendar(closedMonday, second, 2), calendar(BERLIN_OFFICE, first, 1)));

        // 08:00-09:00 UTC on the office (09:00-10:00 Berlin) counts 1 h of 2; the rest Tuesday from 09:00 Berlin
        assertThat(deadline(Instant.parse("2026-11-23T08:00:00Z"), Duration.ofHours(2), timeline))
                .isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    }

    @Test
    void anOpenDeadlineMovesWhenTheNewCalendarGivesAnotherAnswer() {
        Instant raisedAt = Instant.parse("2026-12-24T15:30:00Z");
        Instant before = deadline(raisedAt, ONE_HOUR, published(BERLIN_OFFICE));
        BusinessCalendar christmas = BERLIN_OFFICE.withHolidays(Set.of(LocalDate.of(2026, 12, 25)));
        Instant now = raisedAt.plusSeconds(60);

        assertThat(AcknowledgementDeadline.moved(EscalationState.OPEN, raisedAt, before, ONE_HOUR, published(christmas), now))
                .contains(Instant.parse("2026-12-28T08:30:00Z"));
        assertThat(AcknowledgementDeadline.moved(EscalationState.OPEN, raisedAt, before, ONE_HOUR, published(BERLIN_OFFICE), now))
                .as("same answer: not moved").isEmpty();
    }

    @Test
    void onlyOpenDeadlinesStillAheadMove() {
        Instant raisedAt = Instant.parse("2026-12-24T15:30:00Z");
        Instant before = Instant.parse("2026-12-25T08:30:00Z");
        CalendarTimeline christmas = published(BERLIN_OFFICE.withHolidays(Set.of(LocalDate.of(2026, 12, 25))));

        assertThat(AcknowledgementDeadline.moved(EscalationState.ACKNOWLEDGED, raisedAt, before, ONE_HOUR, christmas, raisedAt)).isEmpty();
        assertThat(AcknowledgementDeadline.moved(EscalationState.CLOSED, raisedAt, before, ONE_HOUR, christmas, raisedAt)).isEmpty();
        assertThat(AcknowledgementDeadline.moved(EscalationState.OPEN, raisedAt, before, ONE_HOUR, christmas, before))
                .as("passed: its timer fires").isEmpty();
        assertThat(AcknowledgementDeadline.moved(EscalationState.OPEN, raisedAt, before, null, christmas, raisedAt))
                .as("acknowledgement time unknown").isEmpty();
    }

    @Test
    void aDeadlineMayMoveIntoThePastWhenTheNewCalendarGivesMoreTime() {
        // raised on a holiday of the old calendar (nothing counted yet); the new one drops the holiday
        Instant raisedAt = Instant.parse("2026-12-25T08:00:00Z");
        Instant old = deadline(raisedAt, ONE_HOUR, published(BERLIN_OFFICE.withHolidays(Set.of(LocalDate.of(2026, 12, 25)))));
        Instant now = Instant.parse("2026-12-25T12:00:00Z");

        assertThat(AcknowledgementDeadline.moved(EscalationState.OPEN, raisedAt, old, ONE_HOUR, published(BERLIN_OFFICE), now))
                .contains(Instant.parse("2026-12-25T09:00:00Z"));
    }

    @Test
    void deadlinesAreKeptToTheMillisecond() {
        Instant raisedAt = Instant.parse("2026-11-23T10:00:00.123456Z");

        assertThat(deadline(raisedAt, ONE_HOUR, published(UTC_ROUND_THE_CLOCK))).isEqualTo(Instant.parse("2026-11-23T11:00:00.123Z"));
    }

    private static Instant deadline(Instant raisedAt, Duration within, WorkingCalendar calendar) {
        return AcknowledgementDeadline.of(raisedAt, within, calendar);
    }

    private static Instant deadline(Instant raisedAt, Duration within, BusinessCalendar calendar) {
        return AcknowledgementDeadline.of(raisedAt, within, calendar::add);
    }

    /** The calendar published long ago, with the round-the-clock fallback before it (never reached). */
    private static CalendarTimeline published(BusinessCalendar calendar) {
        return new CalendarTimeline(UTC_ROUND_THE_CLOCK, List.of(calendar(calendar, LONG_AGO, 1)));
    }

    private static PublishedCalendar calendar(BusinessCalendar calendar, Instant effectiveFrom, long sequence) {
        return new PublishedCalendar("cal", sequence, calendar, effectiveFrom, sequence);
    }
}
