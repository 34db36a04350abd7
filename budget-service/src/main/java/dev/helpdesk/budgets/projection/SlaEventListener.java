package dev.helpdesk.budgets.projection;

import dev.helpdesk.pipeline.inbound.InboundPipeline;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Consumes {@code helpdesk.sla.v1} in a consumer group of its own (its offsets apart from the ticket listener's, which
 * a rebuild reads), a poll at a time, through the event pipeline into the {@link SlaCalendarHandler}.
 */
@Component
public class SlaEventListener {

    private final InboundPipeline pipeline;
    private final SlaCalendarHandler calendars;

    public SlaEventListener(InboundPipeline pipeline, SlaCalendarHandler calendars) {
        this.pipeline = pipeline;
        this.calendars = calendars;
    }

    @KafkaListener(id = "${helpdesk.budgets.calendar-consumer-group}", topics = "${helpdesk.topics.sla}", batch = "true")
    public void on(List<ConsumerRecord<String, String>> records) {
        pipeline.consume(records, calendars);
    }
}
