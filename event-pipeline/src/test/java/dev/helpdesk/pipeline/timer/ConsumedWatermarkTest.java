package dev.helpdesk.pipeline.timer;

import dev.helpdesk.pipeline.health.KafkaProbe.GroupOffsets;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The watermark from offsets alone: the latest look whose end offsets the group has committed since. */
class ConsumedWatermarkTest {

    private static final TopicPartition P0 = new TopicPartition("helpdesk.tickets.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("helpdesk.tickets.v1", 1);
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final AtomicReference<Object> next = new AtomicReference<>();
    // refresh 0: every call looks
    private final ConsumedWatermark watermark = new ConsumedWatermark(() -> {
        Object offsets = next.get();
        if (offsets instanceof Exception e) {
            throw e;
        }
        return (GroupOffsets) offsets;
    }, "sla-service", clock, Duration.ZERO, Duration.ofMinutes(2));

    @Test
    void isUnknownUntilTheGroupHasConsumedWhatWasPublishedAtSomeLook() {
        next.set(offsets(0, 10, 0, 5)); // a backlog at start
        assertThat(watermark.current()).isEmpty();
        clock.at(T0.plusSeconds(1));
        next.set(offsets(10, 12, 3, 5)); // p0 past the first look's end, p1 not yet
        assertThat(watermark.current()).isEmpty();
        clock.at(T0.plusSeconds(2));
        next.set(offsets(12, 12, 5, 6)); // both past the second look's ends (12, 5), not the third's
        assertThat(watermark.current()).contains(T0.plusSeconds(1));
        clock.at(T0.plusSeconds(3));
        next.set(offsets(12, 12, 6, 6)); // caught up: everything published until now applied
        assertThat(watermark.current()).contains(T0.plusSeconds(3));
    }

    @Test
    void neverMovesBackAndStaysWhileTheBrokerCannotBeAsked() {
        next.set(offsets(4, 4, 2, 2));
        assertThat(watermark.current()).contains(T0);
        clock.at(T0.plusSeconds(5));
        next.set(new IllegalStateException("broker gone"));
        assertThat(watermark.current()).contains(T0);
        clock.at(T0.plusSeconds(30));
        next.set(offsets(4, 90, 2, 2)); // back, with a backlog published during the outage
        assertThat(watermark.current()).contains(T0);
        clock.at(T0.plusSeconds(31));
        next.set(offsets(90, 91, 2, 2)); // the outage's backlog consumed, one more record in flight
        assertThat(watermark.current()).contains(T0.plusSeconds(30));
    }

    @Test
    void aPartitionTheGroupNeverCommittedCountsFromTheStart() {
        Map<TopicPartition, Long> committed = new HashMap<>(Map.of(P0, 3L));
        next.set(new GroupOffsets(committed, Map.of(P0, 3L, P1, 1L)));
        assertThat(watermark.current()).isEmpty();
    }

    private static GroupOffsets offsets(long committed0, long end0, long committed1, long end1) {
        return new GroupOffsets(Map.of(P0, committed0, P1, committed1), Map.of(P0, end0, P1, end1));
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void at(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
