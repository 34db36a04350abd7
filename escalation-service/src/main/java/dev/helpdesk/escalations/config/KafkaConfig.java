package dev.helpdesk.escalations.config;

import dev.helpdesk.escalations.inbound.DeadLetters;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Creates the topic this service produces, and decides what a failing record does: a record whose handling fails
 * is retried with back-off (a database outage heals); if it still fails it is set aside in {@code dead_letter}.
 * If even that fails (database down), the error handler keeps retrying rather than skipping the record.
 */
@Configuration
public class KafkaConfig {

    @Bean
    NewTopic escalationsTopic(TopicNames topics) {
        return TopicBuilder.name(topics.escalations())
                .partitions(3)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetters deadLetters) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(15_000);
        return new DefaultErrorHandler((record, failure) -> deadLetters.setAside(record, failure), backOff);
    }
}
