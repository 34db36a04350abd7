package dev.helpdesk.sla.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code helpdesk.sla.*}: every knob of the SLA service (environment variables {@code HELPDESK_SLA_*}, see the
 * README). The event pipeline's own knobs are {@code helpdesk.pipeline.*}.
 *
 * @param consumerGroup the consumer group of helpdesk.tickets.v1 (all instances share it)
 * @param topic         the topic this service publishes (helpdesk.sla.v1), as it is created when missing
 * @param timers        the durable timer poller
 * @param settings      the in-memory copies of policies, calendars and organisations
 */
@Validated
@ConfigurationProperties("helpdesk.sla")
public record SlaProperties(
        @NotBlank String consumerGroup,
        @Valid @NotNull Topic topic,
        @Valid @NotNull Timers timers,
        @Valid @NotNull Settings settings) {

    /**
     * @param partitions partitions of helpdesk.sla.v1 when this service creates it
     * @param replicas   replicas of helpdesk.sla.v1 when this service creates it
     */
    public record Topic(@Min(1) int partitions, @Min(1) @Max(Short.MAX_VALUE) int replicas) {
    }

    /**
     * @param batchSize        due timers fired per transaction
     * @param waitForConsumer  fire a threshold only once everything published on helpdesk.tickets.v1 before it has
     *                         been applied (the consumer group's watermark, {@code ConsumedWatermark}); default true
     * @param fallbackInterval longest sleep of the poller: it sleeps until the earliest due timer and is woken when a
     *                         transaction of this instance writes an earlier one; this bounds how late a timer written
     *                         by another instance can fire, and is the idle cost (one statement per interval)
     */
    public record Timers(@Min(1) @Max(10_000) int batchSize, @NotNull Duration fallbackInterval,
                         Boolean waitForConsumer) {

        public Timers {
            waitForConsumer = waitForConsumer == null || waitForConsumer;
            if (fallbackInterval != null && (fallbackInterval.isNegative() || fallbackInterval.isZero())) {
                throw new IllegalArgumentException("helpdesk.sla.timers.fallback-interval must be positive");
            }
        }
    }

    /**
     * @param evictionGroupPrefix prefix of the consumer group with which each instance reads its own topic for
     *                            changes of policies, calendars and policy assignments (a random suffix makes it one
     *                            group per instance)
     */
    public record Settings(@NotBlank String evictionGroupPrefix) {
    }
}
