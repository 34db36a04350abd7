package dev.helpdesk.tickets.sla;

import dev.helpdesk.pipeline.inbound.InboundPipeline;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads {@code helpdesk.sla.v1} a poll at a time through the shared pipeline (the clocks' due times). */
@Component
class SlaEventsListener {

    private final InboundPipeline pipeline;
    private final SlaClockDueHandler handler;

    SlaEventsListener(InboundPipeline pipeline, SlaClockDueHandler handler) {
        this.pipeline = pipeline;
        this.handler = handler;
    }

    @KafkaListener(topics = "${helpdesk.topics.sla}", groupId = "${spring.kafka.consumer.group-id}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, handler);
    }
}
