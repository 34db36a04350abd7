package dev.helpdesk.pipeline.inbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

import java.util.List;

/**
 * The batch listener of one topic: each poll goes through the {@link InboundPipeline} to the service's
 * {@link EventHandler}. A service declares one bean per topic it reads; each bean is a listener container of its own,
 * in the service's consumer group ({@code spring.kafka.consumer.group-id}), with the pipeline's error handler. The
 * annotation reads {@link #topic()} through {@code __listener}.
 */
public record TopicListener(String topic, InboundPipeline pipeline, EventHandler handler) {

    @KafkaListener(topics = "#{__listener.topic()}", batch = "true")
    public void onRecords(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, handler);
    }
}
