package dev.helpdesk.tickets.escalation;

import dev.helpdesk.pipeline.inbound.InboundPipeline;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads {@code helpdesk.escalations.v1} a poll at a time through the shared pipeline. */
@Component
class EscalationEventsListener {

    private final InboundPipeline pipeline;
    private final EscalationRaisedHandler handler;

    EscalationEventsListener(InboundPipeline pipeline, EscalationRaisedHandler handler) {
        this.pipeline = pipeline;
        this.handler = handler;
    }

    @KafkaListener(topics = "${helpdesk.topics.escalations}", groupId = "${spring.kafka.consumer.group-id}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, handler);
    }
}
