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

class SlaClockTest {

    private static final BusinessCalendar OFFICE =
            BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("Europe/London"));
    private static final BusinessCalendar ALWAYS = BusinessCalendar.twentyFourSeven(ZoneId.of("UTC"));
    private static final List<Integer> THRESHOLDS = List.of(75, 90);
    // Monday 23 November 2026, London is on GMT (= UTC)
    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");

    private static SlaClock running(Duration target, Instant openedAt, BusinessCalendar calendar) {
        return SlaClock.start("T-1", Metric.RESOLUTION, Severity.S2, target, THRESHOLDS, openedAt, calendar).clock();
    }

    @Test
    void startsWithDueTimeInBusinessHours() {
        ClockChange change = SlaClock.start("T-1", Metric.RESOLUTION, Severity.S1, Duration.ofHours(8), THRESHOLDS,
                MONDAY_10, OFFICE);

        assertThat(change.clock().state()).isEqualTo(ClockState.RUNNING);
        assertThat(change.clock().dueAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(change.events()).containsExactly(
                new ClockEvent.Started(MONDAY_10, Instant.parse("2026-11-24T10:00:00Z")));
    }

    @Test
    void aClockOpenedOutsideHoursStartsAtTheNextOpening() {
        SlaClock clock = running(Duration.ofHours(1), Instant.parse("2026-11-21T12:00:00Z"), OFFICE);

        assertThat(clock.startedAt()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(clock.dueAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void noTargetMeansNotApplicable() {
        ClockChange change = SlaClock.start("T-1", Metric.RESOLUTION, Severity.S4, null, THRESHOLDS, MONDAY_10, OFFICE);

        assertThat(change.clock().state()).isEqualTo(ClockState.NOT_APPLICABLE);
        assertThat(change.events()).isEmpty();
        assertThat(change.clock().nextTimer(OFFICE)).isEmpty();
    }

    @Test
    void warningsAndBreachFireOnceEachInOrder() {
        SlaClock clock = running(Duration.ofHours(4), MONDAY_10, OFFICE);

        assertThat(clock.nextTimer(OFFICE)).contains(new NextTimer(75, Instant.parse("2026-11-23T13:00:00Z")));
        ClockChange atWarning = clock.fireDue(Instant.parse("2026-11-23T13:00:00Z"), OFFICE);
        assertThat(atWarning.events()).containsExactly(new ClockEvent.WarningReached(75,
                Instant.parse("2026-11-23T13:00:00Z"), Instant.parse("2026-11-23T14:00:00Z")));
        assertThat(atWarning.clock().fireDue(Instant.parse("2026-11-23T13:00:00Z"), OFFICE).events()).isEmpty();

        ClockChange late = atWarning.clock().fireDue(Instant.parse("2026-11-23T16:00:00Z"), OFFICE);
        assertThat(late.events()).containsExactly(
                new ClockEvent.WarningReached(90, Instant.parse("2026-11-23T13:36:00Z"), Instant.parse("2026-11-23T14:00:00Z")),
                new ClockEvent.Breached(Instant.parse("2026-11-23T14:00:00Z"), Instant.parse("2026-11-23T14:00:00Z")));
        assertThat(late.clock().state()).isEqualTo(ClockState.BREACHED);
        assertThat(late.clock().nextTimer(OFFICE)).isEmpty();
        assertThat(late.clock().fireDue(Instant.parse("2026-11-30T00:00:00Z"), OFFICE).events()).isEmpty();
    }

    @Test
    void metBeforeDueStopsTheClock() {
        SlaClock clock = running(Duration.ofHours(4), MONDAY_10, OFFICE);

        ClockChange met = clock.meet(Instant.parse("2026-11-23T11:00:00Z"), OFFICE);

        assertThat(met.clock().state()).isEqualTo(ClockState.MET);
        assertThat(met.clock().metAt()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(met.events()).containsExactly(
                new ClockEvent.Met(Instant.parse("2026-11-23T14:00:00Z"), Instant.parse("2026-11-23T11:00:00Z")));
        assertThat(met.clock().elapsedPercent(Instant.parse("2026-11-30T00:00:00Z"), OFFICE)).isEqualByComparingTo("25.0");
    }

    @Test
    void aBreachedClockStaysBreachedWhenResolvedAndRecordsBothTimes() {
        SlaClock breached = running(Duration.ofHours(1), MONDAY_10, OFFICE)
                .fireDue(Instant.parse("2026-11-23T11:00:00Z"), OFFICE).clock();

        ClockChange resolved = breached.meet(Instant.parse("2026-11-23T12:00:00Z"), OFFICE);

        assertThat(resolved.clock().state()).isEqualTo(ClockState.BREACHED);
        assertThat(resolved.clock().breachedAt()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(resolved.clock().metAt()).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(resolved.events()).isEmpty();
    }

    @Test
    void resolvingAfterTheDueTimeBreachesFirstEvenWhenTheTimerHasNotFired() {
        SlaClock clock = running(Duration.ofHours(1), MONDAY_10, OFFICE);

        ClockChange resolved = clock.meet(Instant.parse("2026-11-23T12:00:00Z"), OFFICE);

        assertThat(resolved.clock().state()).isEqualTo(ClockState.BREACHED);
        assertThat(resolved.events()).hasSize(3).last().isInstanceOf(ClockEvent.Breached.class);
    }

    @Test
    void pausedTimeWhileWaitingOnTheCustomerMovesTheDueTime() {
        SlaClock clock = running(Duration.ofHours(4), MONDAY_10, OFFICE);

        ClockChange paused = clock.pause(Instant.parse("2026-11-23T11:00:00Z"), OFFICE);
        assertThat(paused.clock().state()).isEqualTo(ClockState.PAUSED);
        assertThat(paused.clock().nextTimer(OFFICE)).isEmpty();
        assertThat(paused.clock().fireDue(Instant.parse("2026-11-24T16:00:00Z"), OFFICE).events()).isEmpty();

        // waits until Tuesday 11:00: 8 business hours paused
        ClockChange resumed = paused.clock().resume(Instant.parse("2026-11-24T11:00:00Z"), OFFICE);

        assertThat(resumed.clock().state()).isEqualTo(ClockState.RUNNING);
        assertThat(resumed.clock().pausedFor()).isEqualTo(Duration.ofHours(8));
        assertThat(resumed.clock().dueAt()).isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
        assertThat(resumed.events()).containsExactly(new ClockEvent.Resumed(
                Instant.parse("2026-11-24T11:00:00Z"), Instant.parse("2026-11-24T14:00:00Z")));
        assertThat(resumed.clock().elapsedPercent(Instant.parse("2026-11-24T12:00:00Z"), OFFICE)).isEqualByComparingTo("50.0");
    }

    @Test
    void reopeningResumesWithTheTimeAlreadyUsed() {
        SlaClock met = running(Duration.ofHours(4), MONDAY_10, OFFICE)
                .meet(Instant.parse("2026-11-23T13:00:00Z"), OFFICE).clock();

        ClockChange reopened = met.reopen(Instant.parse("2026-11-24T09:00:00Z"), OFFICE);

        // 3 hours used, 1 hour left
        assertThat(reopened.clock().state()).isEqualTo(ClockState.RUNNING);
        assertThat(reopened.clock().metAt()).isNull();
        assertThat(reopened.clock().dueAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(reopened.events()).containsExactly(new ClockEvent.Resumed(
                Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-11-24T10:00:00Z")));
    }

    @Test
    void reopeningDoesNotRepeatAWarningAlreadyGiven() {
        SlaClock met = running(Duration.ofHours(4), MONDAY_10, OFFICE)
                .fireDue(Instant.parse("2026-11-23T13:00:00Z"), OFFICE).clock()
                .meet(Instant.parse("2026-11-23T13:10:00Z"), OFFICE).clock();

        SlaClock reopened = met.reopen(Instant.parse("2026-11-24T09:00:00Z"), OFFICE).clock();

        assertThat(reopened.nextTimer(OFFICE)).map(NextTimer::percent).contains(90);
    }

    @Test
    void severityUpgradeRetargetsFromTheStartPlusPausedTime() {
        SlaClock clock = running(Duration.ofHours(16), MONDAY_10, OFFICE);

        ClockChange upgraded = clock.retarget(Severity.S1, Duration.ofHours(8), Instant.parse("2026-11-23T11:00:00Z"), OFFICE);

        assertThat(upgraded.clock().severity()).isEqualTo(Severity.S1);
        assertThat(upgraded.clock().target()).isEqualTo(Duration.ofHours(8));
        assertThat(upgraded.clock().dueAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(upgraded.clock().state()).isEqualTo(ClockState.RUNNING);
        assertThat(upgraded.events()).isEmpty();
    }

    @Test
    void retargetingToADueTimeAlreadyPastBreachesAtOnce() {
        SlaClock clock = running(Duration.ofHours(16), MONDAY_10, OFFICE);
        Instant change = Instant.parse("2026-11-23T15:00:00Z");

        ClockChange upgraded = clock.retarget(Severity.S1, Duration.ofHours(2), change, OFFICE);

        assertThat(upgraded.clock().state()).isEqualTo(ClockState.BREACHED);
        assertThat(upgraded.clock().breachedAt()).isEqualTo(change);
        assertThat(upgraded.events()).containsExactly(new ClockEvent.Breached(Instant.parse("2026-11-23T12:00:00Z"), change));
        assertThat(upgraded.clock().fireDue(change.plusSeconds(3600), OFFICE).events()).isEmpty();
    }

    @Test
    void downgradeToASeverityWithoutResolutionTargetMakesTheClockNotApplicable() {
        SlaClock clock = running(Duration.ofHours(16), MONDAY_10, OFFICE);

        ClockChange downgraded = clock.retarget(Severity.S4, null, Instant.parse("2026-11-23T11:00:00Z"), OFFICE);

        assertThat(downgraded.clock().state()).isEqualTo(ClockState.NOT_APPLICABLE);
        assertThat(downgraded.clock().nextTimer(OFFICE)).isEmpty();
    }

    @Test
    void upgradeFromNoTargetStartsCountingFromTheTicketsStart() {
        SlaClock notApplicable = SlaClock.start("T-1", Metric.RESOLUTION, Severity.S4, null, THRESHOLDS, MONDAY_10, OFFICE).clock();

        ClockChange upgraded = notApplicable.retarget(Severity.S2, Duration.ofHours(16), Instant.parse("2026-11-23T12:00:00Z"), OFFICE);

        assertThat(upgraded.clock().state()).isEqualTo(ClockState.RUNNING);
        assertThat(upgraded.clock().dueAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(upgraded.events()).containsExactly(new ClockEvent.Started(MONDAY_10, Instant.parse("2026-11-25T10:00:00Z")));
    }

    @Test
    void retargetingAPausedClockKeepsItPausedAndCountsThePauseSoFar() {
        SlaClock paused = running(Duration.ofHours(16), MONDAY_10, OFFICE)
                .pause(Instant.parse("2026-11-23T11:00:00Z"), OFFICE).clock();

        SlaClock upgraded = paused.retarget(Severity.S1, Duration.ofHours(8), Instant.parse("2026-11-23T12:00:00Z"), OFFICE).clock();
        SlaClock resumed = upgraded.resume(Instant.parse("2026-11-23T13:00:00Z"), OFFICE).clock();

        assertThat(upgraded.state()).isEqualTo(ClockState.PAUSED);
        assertThat(resumed.pausedFor()).isEqualTo(Duration.ofHours(2));
        assertThat(resumed.dueAt()).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
    }

    @Test
    void secondsTargetsWorkOnATwentyFourSevenCalendar() {
        Instant opened = Instant.parse("2026-11-22T23:59:58Z");
        SlaClock clock = SlaClock.start("T-1", Metric.FIRST_RESPONSE, Severity.S1, Duration.ofSeconds(4), THRESHOLDS,
                opened, ALWAYS).clock();

        assertThat(clock.dueAt()).isEqualTo(Instant.parse("2026-11-23T00:00:02Z"));
        assertThat(clock.nextTimer(ALWAYS)).contains(new NextTimer(75, Instant.parse("2026-11-23T00:00:01Z")));
    }
}
