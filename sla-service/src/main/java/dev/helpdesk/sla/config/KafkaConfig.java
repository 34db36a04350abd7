package dev.helpdesk.sla.config;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic this service publishes. helpdesk.tickets.v1 is read with Boot's factory and the pipeline's error handler. */
@Configuration
@EnableConfigurationProperties(SlaProperties.class)
public class KafkaConfig {

    /** helpdesk.sla.v1 is this service's: history kept. */
    @Bean
    NewTopic slaTopic(@Value("${helpdesk.topics.sla}") String topic, SlaProperties properties) {
        return TopicBuilder.name(topic).partitions(properties.topic().partitions())
                .replicas(properties.topic().replicas()).configs(Map.of("retention.ms", "-1")).build();
    }
}
