package dev.helpdesk.tickets.ticket.autoclose;

import dev.helpdesk.events.CalendarKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoCloseDeadlineTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void fiveBusinessDaysOfBusinessHoursSkipTheWeekend() {
        // Wednesday 2026-11-25 15:00 London: Thu, Fri, Mon, Tue, Wed -> Wednesday 2026-12-02 15:00.
        assertThat(AutoCloseDeadline.after(Instant.parse("2026-11-25T15:00:00Z"), CalendarKind.BUSINESS_HOURS, LONDON, 5))
                .isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
    }

    @Test
    void aResolutionOutsideHoursCountsFromTheNextOpening() {
        // Saturday 2026-11-28 12:00: counting starts Monday 09:00, one business day later is Monday 17:00.
        assertThat(AutoCloseDeadline.after(Instant.parse("2026-11-28T12:00:00Z"), CalendarKind.BUSINESS_HOURS, LONDON, 1))
                .isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));
    }

    @Test
    void businessHoursAreReadInTheOrganisationsZone() {
        // Monday 2026-11-30 08:30 UTC is 09:30 in Berlin; one business day: Tuesday 09:30 Berlin = 08:30 UTC.
        assertThat(AutoCloseDeadline.after(Instant.parse("2026-11-30T08:30:00Z"), CalendarKind.BUSINESS_HOURS,
                ZoneId.of("Europe/Berlin"), 1)).isEqualTo(Instant.parse("2026-12-01T08:30:00Z"));
    }

    @Test
    void aTwentyFourSevenCalendarCountsEveryDay() {
        assertThat(AutoCloseDeadline.after(Instant.parse("2026-11-28T12:00:00Z"), CalendarKind.TWENTY_FOUR_SEVEN, LONDON, 5))
                .isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
    }

    @Test
    void atLeastOneDay() {
        assertThatThrownBy(() -> AutoCloseDeadline.after(Instant.EPOCH, CalendarKind.TWENTY_FOUR_SEVEN, LONDON, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
