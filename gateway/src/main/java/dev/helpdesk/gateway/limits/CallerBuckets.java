package dev.helpdesk.gateway.limits;

import java.time.Duration;
import java.util.Optional;

/**
 * The request buckets of this instance: one per token subject ({@code user:<sub>}), and a smaller one per client
 * address for requests without a valid token ({@code address:<ip>}), so that a flood of missing or invalid tokens
 * from one address is cut off without touching the signed-in users behind the same address.
 */
public record CallerBuckets(RequestBuckets users, RequestBuckets addresses) {

    public static CallerBuckets of(RateLimitSettings settings) {
        return new CallerBuckets(new RequestBuckets(settings.capacity(), settings.refillPerSecond()),
                new RequestBuckets(settings.anonymousCapacity(), settings.anonymousRefillPerSecond()));
    }

    /** Takes one request of a token's subject: empty when allowed, else how long to wait. */
    public Optional<Duration> takeForUser(String subject) {
        return users.take("user:" + subject);
    }

    /** Takes one request of a client without a valid token: empty when allowed, else how long to wait. */
    public Optional<Duration> takeForAddress(String address) {
        return addresses.take("address:" + address);
    }

    void forgetIdleCallers() {
        users.forgetIdleCallers();
        addresses.forgetIdleCallers();
    }
}
