package dev.helpdesk.escalations.inbound;

import dev.helpdesk.events.sla.SlaBreachedEvent;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Reads {@code helpdesk.sla.v1}: breaches and warnings raise escalations; other SLA events are skipped. */
@Component
public class SlaEventsListener {

    static final Map<String, EventShape> SHAPES = Map.of(
            SlaEventTypes.BREACHED, new EventShape(SlaBreachedEvent.class, List.of("ticketId", "organizationId")),
            SlaEventTypes.WARNING_REACHED, new EventShape(SlaWarningReachedEvent.class,
                    List.of("ticketId", "organizationId", "thresholdPercent")));

    private final InboundRecords inbound;

    public SlaEventsListener(InboundRecords inbound) {
        this.inbound = inbound;
    }

    @KafkaListener(topics = "${helpdesk.topics.sla}")
    public void onSlaRecord(ConsumerRecord<String, String> record) {
        inbound.receive(record, SHAPES);
    }
}
