package dev.helpdesk.webhooks.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exponential back-off of a failing delivery: the pause before attempt n+1 is {@code initialDelay * multiplier^(n-1)},
 * at most {@code maxDelay}; after {@code maxAttempts} failed attempts the delivery is given up.
 */
public record RetrySchedule(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts) {

    public RetrySchedule {
        if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("the initial delay must be positive");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("the multiplier must be at least 1");
        }
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("the longest delay must be at least the initial delay");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** The pause after {@code failedAttempts} failed attempts, or empty when the delivery is given up. */
    public Optional<Duration> delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, failedAttempts - 1);
        return Optional.of(millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis)));
    }

    /** Every pause in order (maxAttempts - 1 of them). */
    public List<Duration> delays() {
        List<Duration> delays = new ArrayList<>();
        for (int failed = 1; failed < maxAttempts; failed++) {
            delays.add(delayAfter(failed).orElseThrow());
        }
        return delays;
    }

    /** From the first attempt to the last: the sum of the pauses. */
    public Duration span() {
        return delays().stream().reduce(Duration.ZERO, Duration::plus);
    }
}
