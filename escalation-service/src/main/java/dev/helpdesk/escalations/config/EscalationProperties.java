package dev.helpdesk.escalations.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Every knob of the escalation service ({@code helpdesk.escalations.*}, environment {@code HELPDESK_ESCALATIONS_*}),
 * validated at start. The pipeline's own knobs are {@code helpdesk.pipeline.*} (see docs/event-pipeline.md).
 *
 * @param consumerGroup the consumer group of the topics this service reads (all instances share it)
 * @param topic         the topic this service produces ({@code helpdesk.escalations.v1}), as created at start
 * @param timer         the acknowledgement-deadline poller
 */
@Validated
@ConfigurationProperties("helpdesk.escalations")
public record EscalationProperties(@NotBlank String consumerGroup, @Valid @NotNull Topic topic,
                                   @Valid @NotNull Timer timer) {

    public EscalationProperties {
        consumerGroup = consumerGroup == null ? "escalation-service" : consumerGroup;
        topic = topic == null ? new Topic(0, 0) : topic;
        timer = timer == null ? new Timer(null) : timer;
    }

    /**
     * @param partitions partitions of the produced topic when this service creates it (default 3)
     * @param replicas   replicas of each partition (default 1)
     */
    public record Topic(@Min(1) @Max(10_000) int partitions, @Min(1) @Max(32) int replicas) {

        public Topic {
            partitions = partitions == 0 ? 3 : partitions;
            replicas = replicas == 0 ? 1 : replicas;
        }
    }

    /**
     * @param fallbackInterval the longest the poller sleeps without looking (it sleeps until the earliest deadline and
     *                         is woken when a commit sets an earlier one; this covers deadlines set by other instances)
     */
    public record Timer(@NotNull Duration fallbackInterval) {

        public Timer {
            fallbackInterval = fallbackInterval == null ? Duration.ofSeconds(5) : fallbackInterval;
            if (fallbackInterval.isNegative() || fallbackInterval.isZero()) {
                throw new IllegalArgumentException("helpdesk.escalations.timer.fallback-interval must be positive");
            }
        }
    }
}
