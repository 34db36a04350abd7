package dev.helpdesk.sla.ingest;

import dev.helpdesk.pipeline.inbound.InboundPipeline;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads helpdesk.tickets.v1 a poll at a time through the event pipeline (dead letters, repeats, retries there). */
@Component
public class TicketEventsListener {

    private final InboundPipeline pipeline;
    private final TicketEventHandler handler;

    public TicketEventsListener(InboundPipeline pipeline, TicketEventHandler handler) {
        this.pipeline = pipeline;
        this.handler = handler;
    }

    @KafkaListener(topics = "${helpdesk.topics.tickets}", groupId = "${helpdesk.sla.consumer-group}", batch = "true")
    public void on(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, handler);
    }
}
