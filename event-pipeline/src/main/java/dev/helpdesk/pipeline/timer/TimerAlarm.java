package dev.helpdesk.pipeline.timer;

import dev.helpdesk.pipeline.AfterCommit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a {@link DueTimerLoop} looks next. It sleeps until the earliest due timer it knows of (capped by its fallback
 * interval); a transaction that writes an earlier timer rings the alarm after its commit, also while the loop is
 * looking (the ring is kept for its next sleep).
 */
public class TimerAlarm {

    private final Clock clock;
    private Instant wakeAt = Instant.MAX;
    private Instant earliestRung = Instant.MAX;

    public TimerAlarm(Clock clock) {
        this.clock = clock;
    }

    /** A timer due at {@code at} was written: rings once the current transaction commits (at once without one). */
    public void timerSet(Instant at) {
        AfterCommit.run(() -> ring(at));
    }

    /** A committed transaction wrote a timer due at {@code at}: the loop looks then at the latest. */
    public synchronized void ring(Instant at) {
        if (at.isBefore(earliestRung)) {
            earliestRung = at;
        }
        if (at.isBefore(wakeAt)) {
            notifyAll();
        }
    }

    /** Sleeps until {@code until} or the earliest timer rung meanwhile (or since the last sleep), whichever is first. */
    synchronized void sleepUntil(Instant until) throws InterruptedException {
        wakeAt = until;
        try {
            while (true) {
                Instant deadline = earliestRung.isBefore(wakeAt) ? earliestRung : wakeAt;
                long millis = Duration.between(clock.instant(), deadline).toMillis();
                if (millis <= 0) {
                    return;
                }
                wait(millis);
            }
        } finally {
            wakeAt = Instant.MAX;
            earliestRung = Instant.MAX;
        }
    }
}
