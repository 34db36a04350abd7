package dev.helpdesk.pipeline;

import dev.helpdesk.pipeline.timer.DueTimerLoop;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DueTimerLoopTest {

    private final Clock clock = Clock.systemUTC();
    private final TimerAlarm alarm = new TimerAlarm(clock);
    private final AtomicInteger looks = new AtomicInteger();
    private final AtomicReference<Instant> nextDue = new AtomicReference<>();

    @Test
    void sleepsThroughTheFallbackIntervalUntilAnEarlierTimerRingsOrFallsDue() {
        DueTimerLoop loop = new DueTimerLoop("test-timers", () -> {
            looks.incrementAndGet();
            return nextDue.getAndSet(null); // the timer it reports then fires at the next look

        }, alarm, Duration.ofMinutes(10), clock);
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() == 1);
            // Nothing due: it sleeps (the fallback is ten minutes away) until a commit rings for a timer due now.
            alarm.ring(clock.instant());
            await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() == 2);
            // A look that says the next timer is due shortly wakes by itself then, without a ring.
            nextDue.set(clock.instant().plusMillis(300));
            alarm.ring(clock.instant());
            await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() == 4);
            int settled = looks.get();
            // A ring for a timer due after the fallback changes nothing.
            alarm.ring(clock.instant().plus(Duration.ofHours(1)));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> looks.get() == settled);
        } finally {
            loop.stop();
        }
        assertThat(loop.isRunning()).isFalse();
    }
}
