package dev.helpdesk.pipeline.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code helpdesk.pipeline.outbox.*}: the outbox of a service that publishes its own events.
 *
 * @param enabled          whether this service has an outbox (its schema then has {@code outbox} and
 *                         {@code outbox_stream}); off by default
 * @param batchSize        rows published per round trip to the broker
 * @param fallbackInterval how often the relay looks without being woken (rows written by another instance whose
 *                         wake-up found the relay busy; the relay is woken right after every commit that wrote rows)
 * @param sendTimeout      how long the relay waits for the broker's acknowledgement of a batch
 * @param retention        how long published rows are kept (the topic keeps the events; the table need not)
 * @param pruneInterval    how often published rows past the retention are deleted
 */
@Validated
@ConfigurationProperties("helpdesk.pipeline.outbox")
public record OutboxProperties(
        boolean enabled,
        @Min(1) @Max(10_000) int batchSize,
        @NotNull Duration fallbackInterval,
        @NotNull Duration sendTimeout,
        @NotNull Duration retention,
        @NotNull Duration pruneInterval) {

    public OutboxProperties {
        batchSize = batchSize == 0 ? 500 : batchSize;
        fallbackInterval = fallbackInterval == null ? Duration.ofSeconds(5) : fallbackInterval;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(30) : sendTimeout;
        retention = retention == null ? Duration.ofDays(7) : retention;
        pruneInterval = pruneInterval == null ? Duration.ofHours(1) : pruneInterval;
        if (fallbackInterval.isNegative() || fallbackInterval.isZero() || sendTimeout.isNegative() || sendTimeout.isZero()
                || retention.isNegative() || pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException("helpdesk.pipeline.outbox intervals must be positive");
        }
    }
}
