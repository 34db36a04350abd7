package dev.helpdesk.webhooks.config;

import dev.helpdesk.webhooks.domain.RetrySchedule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Every knob of the webhook service ({@code helpdesk.webhooks.*}, environment {@code HELPDESK_WEBHOOKS_*}), validated
 * at start; docs/webhooks.md explains each. The pipeline's own knobs are {@code helpdesk.pipeline.*}.
 *
 * @param consumerGroup         consumer group of the topics read (all instances share it)
 * @param topic                 the produced topic ({@code helpdesk.webhooks.v1}) as created at start
 * @param allowPrivateAddresses accept endpoints resolving to non-public addresses (SSRF guard off; local use, tests)
 * @param allowHttp             accept {@code http://} endpoints (local use, tests)
 * @param secretOverlap         how long the previous secret still signs after a rotation
 * @param delivery              the delivery worker
 */
@Validated
@ConfigurationProperties("helpdesk.webhooks")
public record WebhookProperties(@NotBlank String consumerGroup, @Valid @NotNull Topic topic,
                                boolean allowPrivateAddresses, boolean allowHttp, @NotNull Duration secretOverlap,
                                @Valid @NotNull Delivery delivery) {

    public WebhookProperties {
        consumerGroup = consumerGroup == null ? "webhook-service" : consumerGroup;
        topic = topic == null ? new Topic(0, 0) : topic;
        secretOverlap = secretOverlap == null ? Duration.ofHours(24) : secretOverlap;
        delivery = delivery == null ? new Delivery(null, null, 0, null, null, 0, 0, null) : delivery;
    }

    public record Topic(@Min(1) @Max(10_000) int partitions, @Min(1) @Max(32) int replicas) {

        public Topic {
            partitions = partitions == 0 ? 3 : partitions;
            replicas = replicas == 0 ? 1 : replicas;
        }
    }

    /**
     * @param retry                the back-off of failed attempts
     * @param connectTimeout       connect timeout of each POST
     * @param disableAfterFailures deliveries given up in a row after which the endpoint is disabled
     * @param requestTimeout       whole-request timeout of each POST
     * @param fallbackInterval     longest sleep of the worker without a wake-up (other instances' deliveries)
     * @param batchSize            deliveries claimed per look
     * @param concurrency          deliveries sent at the same time by one instance
     * @param lease                how long a claimed delivery stays with its instance (a crash releases it then)
     */
    public record Delivery(@Valid Retry retry, Duration connectTimeout, @Min(1) @Max(1000) int disableAfterFailures,
                           Duration requestTimeout, Duration fallbackInterval, @Min(1) @Max(1000) int batchSize,
                           @Min(1) @Max(64) int concurrency, Duration lease) {

        public Delivery {
            retry = retry == null ? new Retry(null, 0, null, 0) : retry;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            disableAfterFailures = disableAfterFailures == 0 ? 5 : disableAfterFailures;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(15) : requestTimeout;
            fallbackInterval = fallbackInterval == null ? Duration.ofSeconds(5) : fallbackInterval;
            batchSize = batchSize == 0 ? 20 : batchSize;
            concurrency = concurrency == 0 ? 4 : concurrency;
            lease = lease == null ? Duration.ofMinutes(2) : lease;
            if (lease.compareTo(requestTimeout.plus(connectTimeout)) <= 0) {
                throw new IllegalArgumentException(
                        "helpdesk.webhooks.delivery.lease must be longer than connect-timeout + request-timeout");
            }
        }
    }

    /**
     * @param initialDelay pause after the first failed attempt
     * @param multiplier   factor of each further pause
     * @param maxDelay     longest pause
     * @param maxAttempts  attempts before the delivery is given up
     */
    public record Retry(Duration initialDelay, double multiplier, Duration maxDelay, @Min(1) @Max(100) int maxAttempts) {

        public Retry {
            initialDelay = initialDelay == null ? Duration.ofSeconds(5) : initialDelay;
            multiplier = multiplier == 0 ? 4 : multiplier;
            maxDelay = maxDelay == null ? Duration.ofDays(1) : maxDelay;
            maxAttempts = maxAttempts == 0 ? 9 : maxAttempts;
        }

        public RetrySchedule schedule() {
            return new RetrySchedule(initialDelay, multiplier, maxDelay, maxAttempts);
        }
    }
}
