package dev.helpdesk.budgets.config;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The budget topic, created here as its producer (history kept). Listener error handling is the event pipeline's:
 * what reaches the container is transient and retried with back-off; the pipeline sets aside what never applies.
 */
@Configuration
public class KafkaConfig {

    @Bean
    NewTopic budgetsTopic(TopicNames topics, BudgetProperties properties) {
        return TopicBuilder.name(topics.budgets()).partitions(properties.topic().partitions())
                .replicas(properties.topic().replicas()).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }
}
