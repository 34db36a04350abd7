package dev.helpdesk.escalations.inbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Reads {@code helpdesk.sla.v1}: breaches and warnings raise escalations; other SLA events are skipped. */
@Component
public class SlaEventsListener {

    static final Map<String, EventShape> SHAPES = Map.of(
            SlaBreachedData.TYPE, new EventShape(SlaBreachedData.class, List.of("ticketId", "organizationId")),
            SlaWarningReachedData.TYPE, new EventShape(SlaWarningReachedData.class,
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
