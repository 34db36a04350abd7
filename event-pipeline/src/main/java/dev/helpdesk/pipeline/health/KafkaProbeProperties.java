package dev.helpdesk.pipeline.health;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code helpdesk.pipeline.kafka-probe.*}: the broker checks behind the {@code kafka} health indicator and the
 * consumer lag gauges.
 *
 * @param timeout    the longest one call to the broker may take (the health answer is never slower than this)
 * @param healthTtl  how long a broker check's answer is reused, so that probes never hammer the broker
 * @param lagEvery   how often the lag of the service's consumer groups is measured
 */
@Validated
@ConfigurationProperties("helpdesk.pipeline.kafka-probe")
public record KafkaProbeProperties(@NotNull Duration timeout, @NotNull Duration healthTtl, @NotNull Duration lagEvery) {

    public KafkaProbeProperties {
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        healthTtl = healthTtl == null ? Duration.ofSeconds(5) : healthTtl;
        lagEvery = lagEvery == null ? Duration.ofSeconds(10) : lagEvery;
    }
}
