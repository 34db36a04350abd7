package dev.helpdesk.budgets.projection;

import dev.helpdesk.pipeline.inbound.InboundPipeline;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Consumes {@code helpdesk.tickets.v1} in the service's consumer group (instances share the partitions), a poll at a
 * time, through the event pipeline into the {@link LiveProjection}.
 */
@Component
public class TicketEventListener {

    private final InboundPipeline pipeline;
    private final LiveProjection projection;

    public TicketEventListener(InboundPipeline pipeline, LiveProjection projection) {
        this.pipeline = pipeline;
        this.projection = projection;
    }

    @KafkaListener(id = "${helpdesk.budgets.consumer-group}", topics = "${helpdesk.topics.tickets}", batch = "true")
    public void on(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, projection);
    }
}
