package dev.helpdesk.escalations.config;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Creates the topic this service produces (kept for good: a new projection reads it from the beginning). What a
 * failing record does is the event pipeline's business (its error handler and dead letters).
 */
@Configuration
public class KafkaConfig {

    @Bean
    NewTopic escalationsTopic(TopicNames topics, EscalationProperties properties) {
        return TopicBuilder.name(topics.escalations())
                .partitions(properties.topic().partitions())
                .replicas(properties.topic().replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }
}
