package dev.helpdesk.budgets.projection;

import dev.helpdesk.pipeline.inbound.InboundPipeline;
import dev.helpdesk.pipeline.inbound.CompositeEventHandler;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.membership.ContactMembershipHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Consumes {@code helpdesk.tickets.v1} in the service's consumer group (instances share the partitions), a poll at a
 * time, through the event pipeline into the {@link LiveProjection} and, in the same transaction, the contact membership
 * (docs/security.md).
 */
@Component
public class TicketEventListener {

    private final InboundPipeline pipeline;
    private final EventHandler projection;

    public TicketEventListener(InboundPipeline pipeline, LiveProjection projection,
                               ObjectProvider<ContactMembershipHandler> membership) {
        this.pipeline = pipeline;
        ContactMembershipHandler contacts = membership.getIfAvailable();
        this.projection = contacts == null ? projection : new CompositeEventHandler(projection, contacts);
    }

    @KafkaListener(id = "${helpdesk.budgets.consumer-group}", topics = "${helpdesk.topics.tickets}", batch = "true")
    public void on(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, projection);
    }
}
