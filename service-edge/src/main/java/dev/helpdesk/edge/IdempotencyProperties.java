package dev.helpdesk.edge;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code helpdesk.idempotency.*}: how long {@code Idempotency-Key} answers are kept and when a claim counts as dead.
 *
 * @param enabled       whether writes honour the header (on by default)
 * @param retention     how long a first answer is replayed; older keys are pruned and may be used anew (24 h)
 * @param claimTimeout  how long a claim without an answer (a request still running) blocks its key; a request whose
 *                      process died leaves such a claim, and a retry after this long runs (longer than any request
 *                      may take: 2 min)
 * @param pruneInterval how often expired keys and dead claims are deleted (1 h)
 */
@Validated
@ConfigurationProperties("helpdesk.idempotency")
public record IdempotencyProperties(
        Boolean enabled,
        @NotNull Duration retention,
        @NotNull Duration claimTimeout,
        @NotNull Duration pruneInterval) {

    public IdempotencyProperties {
        enabled = enabled == null || enabled;
        retention = retention == null ? Duration.ofHours(24) : retention;
        claimTimeout = claimTimeout == null ? Duration.ofMinutes(2) : claimTimeout;
        pruneInterval = pruneInterval == null ? Duration.ofHours(1) : pruneInterval;
        if (retention.isNegative() || retention.isZero() || claimTimeout.isNegative() || claimTimeout.isZero() || pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException("helpdesk.idempotency durations must be positive");
        }
        if (claimTimeout.compareTo(retention) > 0) {
            throw new IllegalArgumentException("helpdesk.idempotency.claim-timeout must not exceed the retention");
        }
    }

    public static IdempotencyProperties defaults() {
        return new IdempotencyProperties(true, null, null, null);
    }
}
