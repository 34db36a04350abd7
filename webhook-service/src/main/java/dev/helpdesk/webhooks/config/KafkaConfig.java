package dev.helpdesk.webhooks.config;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Creates the topic this service produces (kept for good, as every helpdesk topic). */
@Configuration
public class KafkaConfig {

    @Bean
    NewTopic webhooksTopic(TopicNames topics, WebhookProperties properties) {
        return TopicBuilder.name(topics.webhooks())
                .partitions(properties.topic().partitions())
                .replicas(properties.topic().replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }
}
