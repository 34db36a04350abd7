package dev.helpdesk.tickets.config;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Read-your-writes: after a command, the HTTP answer waits (bounded) until the view shows the stream version the
 * command produced. If the view is slower, the answer still goes out; the ETag is the store's version either way.
 */
@Component
public class ViewCatchUp {

    private final Duration timeout;

    public ViewCatchUp(TicketsProperties properties) {
        this.timeout = properties.views().catchUpTimeout();
    }

    /** Waits until {@code viewVersion} reaches {@code version}; true when it did in time. */
    public boolean await(LongSupplier viewVersion, long version) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 1; // the view usually follows within milliseconds: look often first, then back off
        while (viewVersion.getAsLong() < version) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(16, pauseMillis * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
