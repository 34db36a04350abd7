package dev.helpdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exempting a clock: it stops counting, fires nothing more, and later transitions leave it exempted. */
class SlaClockExemptionTest {

    private static final BusinessCalendar ALWAYS = BusinessCalendar.twentyFourSeven(ZoneId.of("UTC"));
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static SlaClock running(Duration target) {
        return SlaClock.start("T-1", Metric.RESOLUTION, Severity.S2, target, List.of(75, 90), T0, ALWAYS).clock();
    }

    private static ClockChange exempt(SlaClock clock, Instant at) {
        return clock.exempt(at, ExemptionReason.CLIENT_CONFIGURATION, "their proxy", "agent-1", ALWAYS);
    }

    @Test
    void anExemptedClockStopsCountingAndHasNoTimer() {
        Instant at = T0.plus(Duration.ofHours(1));
        ClockChange change = exempt(running(Duration.ofHours(4)), at);

        assertThat(change.clock().state()).isEqualTo(ClockState.EXEMPTED);
        assertThat(change.clock().exemptedAt()).isEqualTo(at);
        assertThat(change.clock().nextTimer(ALWAYS)).isEmpty();
        assertThat(change.clock().used(T0.plus(Duration.ofHours(10)), ALWAYS)).isEqualTo(Duration.ofHours(1));
        assertThat(change.events()).containsExactly(
                new ClockEvent.Exempted(at, ExemptionReason.CLIENT_CONFIGURATION, "their proxy", "agent-1"));
    }

    @Test
    void thresholdsDueBeforeTheExemptionFireFirst() {
        ClockChange change = exempt(running(Duration.ofHours(4)), T0.plus(Duration.ofHours(5)));

        assertThat(change.events()).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("WarningReached", "WarningReached", "Breached", "Exempted");
        assertThat(change.clock().state()).isEqualTo(ClockState.EXEMPTED);
        assertThat(change.clock().breachedAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
    }

    @Test
    void aBreachedClockMayBeExemptedAMetOneNot() {
        SlaClock breached = running(Duration.ofHours(1)).fireDue(T0.plus(Duration.ofHours(2)), ALWAYS).clock();
        SlaClock met = running(Duration.ofHours(1)).meet(T0.plus(Duration.ofMinutes(30)), ALWAYS).clock();

        assertThat(breached.exemptible()).isTrue();
        assertThat(exempt(breached, T0.plus(Duration.ofHours(3))).clock().state()).isEqualTo(ClockState.EXEMPTED);
        assertThat(met.exemptible()).isFalse();
        assertThat(exempt(met, T0.plus(Duration.ofHours(3))).events()).isEmpty();
        assertThat(exempt(met, T0.plus(Duration.ofHours(3))).clock().state()).isEqualTo(ClockState.MET);
    }

    @Test
    void aPausedClockExemptedCountsItsPauseAsPaused() {
        SlaClock paused = running(Duration.ofHours(4)).pause(T0.plus(Duration.ofHours(1)), ALWAYS).clock();

        SlaClock exempted = exempt(paused, T0.plus(Duration.ofHours(3))).clock();

        assertThat(exempted.pausedFor()).isEqualTo(Duration.ofHours(2));
        assertThat(exempted.used(T0.plus(Duration.ofHours(9)), ALWAYS)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void laterTransitionsLeaveAnExemptedClockExempted() {
        SlaClock exempted = exempt(running(Duration.ofHours(4)), T0.plus(Duration.ofHours(1))).clock();
        Instant later = T0.plus(Duration.ofHours(2));

        assertThat(exempted.pause(later, ALWAYS).clock().state()).isEqualTo(ClockState.EXEMPTED);
        assertThat(exempted.resume(later, ALWAYS).clock().state()).isEqualTo(ClockState.EXEMPTED);
        assertThat(exempted.reopen(later, ALWAYS).clock().state()).isEqualTo(ClockState.EXEMPTED);
        ClockChange retargeted = exempted.retarget(Severity.S1, Duration.ofMinutes(30), later, ALWAYS);
        assertThat(retargeted.clock().state()).isEqualTo(ClockState.EXEMPTED);
        assertThat(retargeted.clock().exemptedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(retargeted.events()).isEmpty();
        assertThat(exempted.fireDue(T0.plus(Duration.ofDays(2)), ALWAYS).events()).isEmpty();
    }

    @Test
    void aReplyToAnExemptedClockIsRecordedWithoutAnEvent() {
        SlaClock exempted = exempt(running(Duration.ofHours(4)), T0.plus(Duration.ofHours(1))).clock();

        ClockChange replied = exempted.meet(T0.plus(Duration.ofHours(2)), ALWAYS);

        assertThat(replied.events()).isEmpty();
        assertThat(replied.clock().state()).isEqualTo(ClockState.EXEMPTED);
        assertThat(replied.clock().metAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(replied.clock().awaitingReply()).isFalse();
    }

    @Test
    void anExemptionIsAnExemptedSegmentWithItsReason() {
        SlaClock clock = running(Duration.ofHours(4));
        Instant at = T0.plus(Duration.ofHours(1));

        List<ClockSegment> segments = ClockSegment.of(clock, exempt(clock, at), at);

        assertThat(segments).singleElement().satisfies(segment -> {
            assertThat(segment.kind()).isEqualTo(ClockSegment.Kind.EXEMPTED);
            assertThat(segment.reason()).isEqualTo("CLIENT_CONFIGURATION");
            assertThat(segment.clock().state()).isEqualTo(ClockState.EXEMPTED);
        });
    }
}
