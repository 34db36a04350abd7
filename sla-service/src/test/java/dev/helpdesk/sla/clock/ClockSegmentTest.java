package dev.helpdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockSegmentTest {

    private static final BusinessCalendar ALWAYS = BusinessCalendar.twentyFourSeven(ZoneId.of("UTC"));
    private static final Instant OPENED = Instant.parse("2026-11-23T10:00:00Z");

    private static SlaClock running() {
        return SlaClock.start("T-1", Metric.RESOLUTION, Severity.S3, Duration.ofHours(8), List.of(75, 90), OPENED,
                ALWAYS).clock();
    }

    @Test
    void anOpeningStartsARunningSegmentWithItsDueTime() {
        ClockChange started = SlaClock.start("T-1", Metric.RESOLUTION, Severity.S3, Duration.ofHours(8), List.of(75),
                OPENED, ALWAYS);

        List<ClockSegment> segments = ClockSegment.of(null, started, OPENED);

        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).kind()).isEqualTo(ClockSegment.Kind.RUNNING);
        assertThat(segments.get(0).at()).isEqualTo(OPENED);
        assertThat(segments.get(0).clock().dueAt()).isEqualTo(Instant.parse("2026-11-23T18:00:00Z"));
    }

    @Test
    void aPauseSaysWhyAndWarningsMakeNoSegment() {
        SlaClock clock = running();
        Instant at = OPENED.plus(Duration.ofHours(7));

        List<ClockSegment> segments = ClockSegment.of(clock, clock.pause(at, ALWAYS), at);

        assertThat(segments).extracting(ClockSegment::kind).containsExactly(ClockSegment.Kind.PAUSED);
        assertThat(segments.get(0).reason()).isEqualTo(ClockSegment.WAITING_ON_CUSTOMER);
        assertThat(segments.get(0).clock().pausedAt()).isEqualTo(at);
    }

    @Test
    void anUpgradePastTheNewTargetIsRetargetedThenBreachedAtTheSameInstant() {
        SlaClock clock = running();
        Instant at = OPENED.plus(Duration.ofHours(2));

        List<ClockSegment> segments = ClockSegment.of(clock, clock.retarget(Severity.S1, Duration.ofHours(1), at, ALWAYS),
                at);

        assertThat(segments).extracting(ClockSegment::kind)
                .containsExactly(ClockSegment.Kind.RETARGETED, ClockSegment.Kind.BREACHED);
        assertThat(segments.get(0).previousSeverity()).isEqualTo(Severity.S3);
        assertThat(segments.get(0).clock().severity()).isEqualTo(Severity.S1);
        assertThat(segments.get(1).at()).isEqualTo(at);
        assertThat(segments.get(1).clock().breachedAt()).isEqualTo(at);
    }

    @Test
    void aTransitionAfterAMissedDeadlineRecordsTheBreachAtTheDueTimeBeforeTheMeet() {
        SlaClock clock = running();
        Instant late = OPENED.plus(Duration.ofHours(9));

        List<ClockSegment> segments = ClockSegment.of(clock, clock.meet(late, ALWAYS), late);

        assertThat(segments).extracting(ClockSegment::kind).containsExactly(ClockSegment.Kind.BREACHED);
        assertThat(segments.get(0).at()).isEqualTo(Instant.parse("2026-11-23T18:00:00Z"));
    }
}
