package dev.helpdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SlaClockPropertiesTest {

    private static final BusinessCalendar OFFICE =
            BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("America/New_York"));
    private static final Instant OPENED = Instant.parse("2026-11-20T15:30:00Z");

    /** However often (and however late) the poller looks, each threshold fires exactly once, in order. */
    @Property(tries = 200)
    void eachThresholdFiresOnceWhateverThePolling(@ForAll @IntRange(min = 1, max = 40) int targetHours,
                                                  @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 400_000) Integer> pollOffsetsSeconds) {
        SlaClock clock = SlaClock.start("T", Metric.RESOLUTION, Severity.S2, Duration.ofHours(targetHours),
                List.of(75, 90), OPENED, OFFICE).clock();
        List<Integer> polls = new ArrayList<>(pollOffsetsSeconds);
        polls.sort(Integer::compareTo);
        polls.add(20_000_000);
        List<ClockEvent> fired = new ArrayList<>();
        for (int offset : polls) {
            ClockChange change = clock.fireDue(OPENED.plusSeconds(offset), OFFICE);
            fired.addAll(change.events());
            clock = change.clock();
        }

        assertThat(fired).hasSize(3);
        assertThat(fired.get(0)).isInstanceOfSatisfying(ClockEvent.WarningReached.class, w -> assertThat(w.thresholdPercent()).isEqualTo(75));
        assertThat(fired.get(1)).isInstanceOfSatisfying(ClockEvent.WarningReached.class, w -> assertThat(w.thresholdPercent()).isEqualTo(90));
        assertThat(fired.get(2)).isInstanceOfSatisfying(ClockEvent.Breached.class,
                b -> assertThat(OFFICE.between(OFFICE.nextOpening(OPENED), b.dueAt())).isEqualTo(Duration.ofHours(targetHours)));
        assertThat(clock.state()).isEqualTo(ClockState.BREACHED);
    }

    /** Pausing and resuming never changes how much target time remains, only when it runs out. */
    @Property(tries = 200)
    void pausedTimeIsNeverCounted(@ForAll @IntRange(min = 1, max = 200_000) int runSeconds,
                                  @ForAll @IntRange(min = 1, max = 400_000) int pauseSeconds) {
        SlaClock clock = SlaClock.start("T", Metric.RESOLUTION, Severity.S2, Duration.ofDays(30), List.of(75, 90),
                OPENED, OFFICE).clock();
        Instant pausedAt = OPENED.plusSeconds(runSeconds);
        Instant resumedAt = pausedAt.plusSeconds(pauseSeconds);

        SlaClock resumed = clock.pause(pausedAt, OFFICE).clock().resume(resumedAt, OFFICE).clock();

        assertThat(resumed.used(resumedAt, OFFICE)).isEqualTo(clock.used(pausedAt, OFFICE));
        assertThat(OFFICE.between(resumedAt, resumed.dueAt()))
                .isEqualTo(Duration.ofDays(30).minus(clock.used(pausedAt, OFFICE)));
    }
}
