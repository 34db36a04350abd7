package dev.helpdesk.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests per caller ({@code helpdesk.gateway.rate-limit.*}): a bucket of {@code capacity} requests, refilled by
 * {@code refill-per-second}. The key is the token's subject, or the client address for requests without a token.
 */
@ConfigurationProperties("helpdesk.gateway.rate-limit")
public record RateLimitSettings(boolean enabled, long capacity, long refillPerSecond) {

    public RateLimitSettings {
        if (enabled && (capacity < 1 || refillPerSecond < 1)) {
            throw new IllegalArgumentException(
                    "helpdesk.gateway.rate-limit.capacity and .refill-per-second must be at least 1");
        }
    }
}
