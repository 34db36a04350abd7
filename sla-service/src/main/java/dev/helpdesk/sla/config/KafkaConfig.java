package dev.helpdesk.sla.config;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration
public class KafkaConfig {

    /** helpdesk.sla.v1 is this service's: 3 partitions, history kept. */
    @Bean
    NewTopic slaTopic(@Value("${helpdesk.topics.sla}") String topic,
                      @Value("${helpdesk.sla.topic-replicas:1}") int replicas) {
        return TopicBuilder.name(topic).partitions(3).replicas(replicas).configs(Map.of("retention.ms", "-1")).build();
    }

    /**
     * Malformed records never reach this handler (the listener sets them aside); what does is transient (the
     * database unreachable): retried with back-off, without end, so nothing is skipped.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }
}
