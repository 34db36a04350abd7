package dev.helpdesk.sla.settings;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;

/** The listener factory of {@link SettingsEvictionListener}. */
@Configuration
class SettingsEvictionConfig {

    /**
     * Each instance reads from the end of the topic with a group of its own and commits nothing: nothing is to be
     * resumed after a restart, when the caches start empty.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> settingsEvictionListenerFactory(
            ConsumerFactory<String, String> consumers, SettingsCache cache) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.getContainerProperties().setConsumerRebalanceListener(new Rebalance(cache));
        return factory;
    }

    /** The caches are used only while the listener has its partitions. */
    private record Rebalance(SettingsCache cache) implements ConsumerAwareRebalanceListener {

        /**
         * Fixes the positions first (the end of each partition), then forgets everything: every change published after
         * that position is read, and every change before it committed before the caches were cleared.
         */
        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            partitions.forEach(consumer::position);
            cache.listening(true);
        }

        @Override
        public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            cache.listening(false);
        }

        @Override
        public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            cache.listening(false);
        }
    }
}
