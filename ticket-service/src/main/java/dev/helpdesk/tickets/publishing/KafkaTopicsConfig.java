package dev.helpdesk.tickets.publishing;

import dev.helpdesk.tickets.config.TicketsProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The ticket service owns helpdesk.tickets.v1: partitions and replicas configured, history kept forever. */
@Configuration
class KafkaTopicsConfig {

    @Bean
    NewTopic ticketsTopic(@Value("${helpdesk.topics.tickets}") String topic, TicketsProperties properties) {
        return TopicBuilder.name(topic).partitions(properties.topic().partitions()).replicas(properties.topic().replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }
}
