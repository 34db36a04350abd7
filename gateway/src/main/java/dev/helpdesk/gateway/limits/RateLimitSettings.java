package dev.helpdesk.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Requests per caller ({@code helpdesk.gateway.rate-limit.*}): a bucket of {@code capacity} requests, refilled by
 * {@code refill-per-second}, per token subject; and a smaller bucket of {@code anonymous-capacity} requests,
 * refilled by {@code anonymous-refill-per-second}, per client address for the requests without a valid token (none,
 * or one that is expired, forged or malformed). An anonymous request gets nothing but a 401, so its budget is small.
 * With the gateway's database configured ({@link GatewayDatabaseSettings}) the buckets are shared by every instance;
 * a take from it that fails or lasts longer than {@code store-timeout} counts in this instance's buckets instead.
 */
@ConfigurationProperties("helpdesk.gateway.rate-limit")
public record RateLimitSettings(boolean enabled, long capacity, long refillPerSecond,
                                long anonymousCapacity, long anonymousRefillPerSecond,
                                @DefaultValue("500ms") Duration storeTimeout) {

    public RateLimitSettings {
        if (enabled && (capacity < 1 || refillPerSecond < 1 || anonymousCapacity < 1 || anonymousRefillPerSecond < 1)) {
            throw new IllegalArgumentException("helpdesk.gateway.rate-limit.capacity, .refill-per-second, "
                    + ".anonymous-capacity and .anonymous-refill-per-second must be at least 1");
        }
        if (storeTimeout.isNegative() || storeTimeout.isZero()) {
            throw new IllegalArgumentException("helpdesk.gateway.rate-limit.store-timeout must be positive");
        }
    }
}
