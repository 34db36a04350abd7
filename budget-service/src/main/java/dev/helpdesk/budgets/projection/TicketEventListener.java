package dev.helpdesk.budgets.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes {@code helpdesk.tickets.v1} in the service's consumer group (instances share the partitions). */
@Component
public class TicketEventListener {

    private final LiveProjection projection;

    public TicketEventListener(LiveProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(id = "budget-projection", topics = "${helpdesk.topics.tickets}")
    public void on(ConsumerRecord<String, String> record) {
        projection.accept(record);
    }
}
