package dev.helpdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIfTest {

    private static final BusinessCalendar OFFICE =
            BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("UTC"));
    private static final BusinessCalendar ALWAYS = BusinessCalendar.twentyFourSeven(ZoneId.of("UTC"));
    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");

    private static SlaClock metAfter(Duration after) {
        return SlaClock.start("T", Metric.FIRST_RESPONSE, Severity.S2, Duration.ofHours(4), List.of(75, 90), MONDAY_10, OFFICE)
                .clock().meet(MONDAY_10.plus(after), OFFICE).clock();
    }

    @Test
    void aClockMetInTimeWouldHaveBreachedUnderAShorterTarget() {
        WhatIf whatIf = WhatIf.of(metAfter(Duration.ofHours(2)), MONDAY_10, Duration.ofHours(1), OFFICE, MONDAY_10.plusSeconds(86_400));

        assertThat(whatIf.state()).isEqualTo(ClockState.BREACHED);
        assertThat(whatIf.dueAt()).isEqualTo(MONDAY_10.plus(Duration.ofHours(1)));
    }

    @Test
    void anotherCalendarMovesTheDueTime() {
        SlaClock lateEvening = SlaClock.start("T", Metric.FIRST_RESPONSE, Severity.S2, Duration.ofHours(4), List.of(75, 90),
                Instant.parse("2026-11-23T16:00:00Z"), OFFICE).clock().meet(Instant.parse("2026-11-23T20:00:00Z"), OFFICE).clock();

        WhatIf onOffice = WhatIf.of(lateEvening, Instant.parse("2026-11-23T16:00:00Z"), Duration.ofHours(2), OFFICE, MONDAY_10);
        WhatIf onAlways = WhatIf.of(lateEvening, Instant.parse("2026-11-23T16:00:00Z"), Duration.ofHours(2), ALWAYS, MONDAY_10);

        assertThat(onOffice.state()).isEqualTo(ClockState.MET);
        assertThat(onOffice.dueAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(onAlways.state()).isEqualTo(ClockState.BREACHED);
    }

    @Test
    void noTargetIsNotApplicableAndARunningClockIsJudgedAtNow() {
        SlaClock running = SlaClock.start("T", Metric.RESOLUTION, Severity.S2, Duration.ofHours(16), List.of(75, 90), MONDAY_10, OFFICE).clock();

        assertThat(WhatIf.of(running, MONDAY_10, null, OFFICE, MONDAY_10).state()).isEqualTo(ClockState.NOT_APPLICABLE);
        assertThat(WhatIf.of(running, MONDAY_10, Duration.ofHours(1), OFFICE, MONDAY_10.plusSeconds(1800)).state()).isEqualTo(ClockState.RUNNING);
        assertThat(WhatIf.of(running, MONDAY_10, Duration.ofHours(1), OFFICE, MONDAY_10.plusSeconds(3600)).state()).isEqualTo(ClockState.BREACHED);
    }
}
