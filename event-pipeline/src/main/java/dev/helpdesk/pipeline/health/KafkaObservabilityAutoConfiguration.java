package dev.helpdesk.pipeline.health;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Clock;

/**
 * What an operator needs to see of a service's link to Kafka: a {@code kafka} health indicator (for the readiness
 * group) and a consumer lag gauge per consumer group, both on one bounded {@link KafkaProbe}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.kafka.annotation.KafkaBootstrapConfiguration"})
@ConditionalOnBean(KafkaAdmin.class)
@EnableConfigurationProperties(KafkaProbeProperties.class)
public class KafkaObservabilityAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KafkaProbe kafkaProbe(KafkaAdmin admin, KafkaProbeProperties properties) {
        return new KafkaProbe(admin.getConfigurationProperties(), properties.timeout());
    }

    @Bean
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProbe probe, KafkaProbeProperties properties) {
        return new KafkaHealthIndicator(probe, properties.healthTtl(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean
    ConsumerLagGauges consumerLagGauges(KafkaProbe probe, KafkaListenerEndpointRegistry listeners, MeterRegistry meters,
                                        KafkaProbeProperties properties) {
        return new ConsumerLagGauges(probe, listeners, meters, properties.lagEvery());
    }
}
