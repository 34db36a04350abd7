package dev.helpdesk.tickets.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The ticket service owns helpdesk.tickets.v1: 3 partitions, history kept forever. */
@Configuration
class KafkaTopicsConfig {

    @Bean
    NewTopic ticketsTopic(@Value("${helpdesk.topics.tickets}") String topic,
                          @Value("${helpdesk.topics.partitions:3}") int partitions,
                          @Value("${helpdesk.topics.replicas:1}") short replicas) {
        return TopicBuilder.name(topic).partitions(partitions).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }
}
