package dev.helpdesk.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests per caller ({@code helpdesk.gateway.rate-limit.*}): a bucket of {@code capacity} requests, refilled by
 * {@code refill-per-second}, per token subject; and a smaller bucket of {@code anonymous-capacity} requests,
 * refilled by {@code anonymous-refill-per-second}, per client address for the requests without a valid token (none,
 * or one that is expired, forged or malformed). An anonymous request gets nothing but a 401, so its budget is small.
 */
@ConfigurationProperties("helpdesk.gateway.rate-limit")
public record RateLimitSettings(boolean enabled, long capacity, long refillPerSecond,
                                long anonymousCapacity, long anonymousRefillPerSecond) {

    public RateLimitSettings {
        if (enabled && (capacity < 1 || refillPerSecond < 1 || anonymousCapacity < 1 || anonymousRefillPerSecond < 1)) {
            throw new IllegalArgumentException("helpdesk.gateway.rate-limit.capacity, .refill-per-second, "
                    + ".anonymous-capacity and .anonymous-refill-per-second must be at least 1");
        }
    }
}
