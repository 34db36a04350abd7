package dev.helpdesk.budgets.config;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The budget topic (created here, its producer: 3 partitions, history kept) and the listener's error handling:
 * whatever reaches the error handler is transient (database down), so it is retried with back-off forever;
 * malformed records never get there, they are set aside as dead letters by the listener.
 */
@Configuration
public class KafkaConfig {

    @Bean
    NewTopic budgetsTopic(TopicNames topics) {
        return TopicBuilder.name(topics.budgets()).partitions(3).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    @Bean
    DefaultErrorHandler transientFailureRetry() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }
}
