package dev.helpdesk.pipeline.timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Fires durable timers on a thread of its own: calls {@code fireDue} (which fires whatever is due, with row locks so
 * that several instances fire each timer once, and answers when the earliest timer still ahead is due, or null), then
 * sleeps until then, at most {@code fallbackInterval} (timers written by other instances), unless the
 * {@link TimerAlarm} rings for an earlier one. Idle, a service costs one look per fallback interval. A failed look is
 * retried after a pause that doubles up to the fallback interval.
 */
public class DueTimerLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DueTimerLoop.class);

    private final String name;
    private final Supplier<Instant> fireDue;
    private final TimerAlarm alarm;
    private final Duration fallbackInterval;
    private final Clock clock;
    private volatile boolean running;
    private volatile Thread thread;

    public DueTimerLoop(String name, Supplier<Instant> fireDue, TimerAlarm alarm, Duration fallbackInterval, Clock clock) {
        if (fallbackInterval.isNegative() || fallbackInterval.isZero()) {
            throw new IllegalArgumentException(name + ": the fallback interval must be positive");
        }
        this.name = name;
        this.fireDue = fireDue;
        this.alarm = alarm;
        this.fallbackInterval = fallbackInterval;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread loop = thread;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration pause = Duration.ZERO;
        while (running) {
            Instant fallback = clock.instant().plus(fallbackInterval);
            Instant wakeAt = fallback;
            try {
                Instant nextDue = fireDue.get();
                pause = Duration.ZERO;
                if (nextDue != null && nextDue.isBefore(fallback)) {
                    wakeAt = nextDue;
                }
            } catch (RuntimeException e) {
                pause = pause.isZero() ? Duration.ofMillis(500) : min(pause.multipliedBy(2), fallbackInterval);
                wakeAt = clock.instant().plus(pause);
                log.warn("{}: firing due timers failed; retrying in {} ms: {}", name, pause.toMillis(), e.toString());
            }
            try {
                alarm.sleepUntil(wakeAt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
