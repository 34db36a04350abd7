package dev.helpdesk.pipeline.inbound;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code helpdesk.pipeline.inbound.*}: how consumed records that fail are treated.
 *
 * @param maxAttempts       how often an event that a rule or a constraint refuses is tried before it is set aside
 * @param retryPause        the pause between those tries (doubled each time)
 * @param transientBackOff  the first pause before a poll is retried after a transient failure (doubling)
 * @param transientMaxPause the longest pause between retries of a transient failure (retried for as long as it lasts)
 * @param processedRetention how long applied event ids ({@code processed_event}) are kept: longer than any record can
 *                          take to be delivered again (30 days; docs/event-pipeline.md, "Retention")
 * @param pruneInterval     how often older ids are deleted (1 hour)
 */
@Validated
@ConfigurationProperties("helpdesk.pipeline.inbound")
public record InboundProperties(
        @Min(1) @Max(20) int maxAttempts,
        @NotNull Duration retryPause,
        @NotNull Duration transientBackOff,
        @NotNull Duration transientMaxPause,
        @NotNull Duration processedRetention,
        @NotNull Duration pruneInterval) {

    public InboundProperties {
        maxAttempts = maxAttempts == 0 ? 3 : maxAttempts;
        retryPause = retryPause == null ? Duration.ofMillis(100) : retryPause;
        transientBackOff = transientBackOff == null ? Duration.ofMillis(500) : transientBackOff;
        transientMaxPause = transientMaxPause == null ? Duration.ofSeconds(30) : transientMaxPause;
        processedRetention = processedRetention == null ? Duration.ofDays(30) : processedRetention;
        pruneInterval = pruneInterval == null ? Duration.ofHours(1) : pruneInterval;
        if (processedRetention.isNegative() || processedRetention.isZero() || pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException("helpdesk.pipeline.inbound retention and prune interval must be positive");
        }
    }
}
