package dev.helpdesk.sla.ingest;

import dev.helpdesk.pipeline.inbound.InboundPipeline;
import dev.helpdesk.pipeline.inbound.CompositeEventHandler;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.membership.ContactMembershipHandler;
import dev.helpdesk.pipeline.timer.AppliedOffsets;
import org.springframework.beans.factory.ObjectProvider;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads helpdesk.tickets.v1 a poll at a time through the event pipeline (dead letters, repeats, retries there), into
 * the service's handler and, in the same transaction, the contact membership (docs/security.md).
 */
@Component
public class TicketEventsListener {

    private final InboundPipeline pipeline;
    private final EventHandler handler;
    private final AppliedOffsets applied;

    public TicketEventsListener(InboundPipeline pipeline, TicketEventHandler handler,
                                ObjectProvider<ContactMembershipHandler> membership, AppliedOffsets applied) {
        this.pipeline = pipeline;
        this.applied = applied;
        ContactMembershipHandler contacts = membership.getIfAvailable();
        this.handler = contacts == null ? handler : new CompositeEventHandler(handler, contacts);
    }

    @KafkaListener(topics = "${helpdesk.topics.tickets}", groupId = "${helpdesk.sla.consumer-group}", batch = "true")
    public void on(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, handler);
        applied.applied(records); // committed to the database: the timers' watermark may count them now
    }
}
