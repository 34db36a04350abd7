package dev.helpdesk.sla.timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * When the timer poller of this instance next looks. It sleeps until the earliest due timer it knows of (capped by
 * the fallback interval); a transaction that writes an earlier timer rings the alarm after its commit.
 */
@Component
public class TimerAlarm {

    private final Clock clock;
    private Instant wakeAt = Instant.MAX;
    private Instant earliestRung = Instant.MAX;

    public TimerAlarm(Clock clock) {
        this.clock = clock;
    }

    /** A committed transaction wrote a timer due at {@code at}: the poller looks then at the latest. */
    public synchronized void timerSet(Instant at) {
        if (at.isBefore(earliestRung)) {
            earliestRung = at;
        }
        if (at.isBefore(wakeAt)) {
            notifyAll();
        }
    }

    /** Sleeps until {@code until} or the earliest timer set meanwhile (or since the last sleep), whichever is first. */
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
