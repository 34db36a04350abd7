package dev.helpdesk.escalations.inbound;

import dev.helpdesk.pipeline.inbound.InboundPipeline;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads the two topics escalation acts on, a poll at a time, through the event pipeline. */
@Component
public class EventListeners {

    private final InboundPipeline pipeline;
    private final TicketEventsHandler tickets;
    private final SlaEventsHandler sla;

    public EventListeners(InboundPipeline pipeline, TicketEventsHandler tickets, SlaEventsHandler sla) {
        this.pipeline = pipeline;
        this.tickets = tickets;
        this.sla = sla;
    }

    @KafkaListener(topics = "${helpdesk.topics.tickets}", batch = "true")
    public void onTicketRecords(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, tickets);
    }

    @KafkaListener(topics = "${helpdesk.topics.sla}", batch = "true")
    public void onSlaRecords(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, sla);
    }
}
